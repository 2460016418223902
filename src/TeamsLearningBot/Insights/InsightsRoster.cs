using System.Net;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Insights;

/// <summary>
/// The members of a team (or of a private channel) from Teams, as learner keys: the denominator
/// of the participation tiers. Scoped: it holds a <see cref="ConnectorClient"/>.
/// </summary>
public sealed partial class InsightsRoster(ConnectorClient connector, LearnerKeys keys, ILogger<InsightsRoster> logger)
{
    /// <summary>The members' keys, or null when Teams would not list them (then the report says so).</summary>
    public async Task<IReadOnlyCollection<string>?> KeysAsync(string serviceUrl, string tenantId, string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            var members = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var member in connector.GetAllMembersAsync(serviceUrl, conversationId, cancellationToken))
            {
                if ((member.AadObjectId ?? member.Id) is { Length: > 0 } id)
                {
                    members.Add(keys.For(tenantId, id));
                }
            }

            return members;
        }
        catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            LogNoRoster(logger, (int)e.StatusCode);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams would not list the members (status {StatusCode}); insights count those who contributed")]
    private static partial void LogNoRoster(ILogger logger, int statusCode);
}
