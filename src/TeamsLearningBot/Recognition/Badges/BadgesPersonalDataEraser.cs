using TeamsLearningBot.Chats;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// <c>forget me</c> for badges: the learner's index names every team they have progress in, so
/// each partition (counts, event markers, reaction tallies, awards) is deleted without a scan;
/// then their preferences, index and remembered chat go, and the congratulations the bot posted
/// naming them are deleted from Teams. Fingerprints of them in other givers' Encourager counts
/// are salted hashes that identify nobody, and stay.
/// </summary>
public sealed partial class BadgesPersonalDataEraser(
    BadgeLedger ledger,
    BadgeOutbox outbox,
    BadgeLearnerStore learners,
    PersonalChats chats,
    IServiceScopeFactory scopes,
    ILogger<BadgesPersonalDataEraser> logger) : IPersonalDataEraser
{
    public string Category => "badges and badge progress";

    public async Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var erased = 0;
        var congratulations = new List<BadgeAwardEntity>();
        foreach (var teamId in await learners.ListTeamsAsync(subject.LearnerKey, cancellationToken))
        {
            var (awards, rows) = await ledger.DeletePartitionAsync(BadgeLedger.Partition(teamId, subject.LearnerKey), cancellationToken);
            erased += awards.Count + (rows > awards.Count ? 1 : 0);
            congratulations.AddRange(awards.Where(a => a.CongratulationId is not null && a.PlaceConversationId is not null && a.PlaceServiceUrl is not null));
        }

        erased += await learners.EraseAsync(subject.LearnerKey, cancellationToken);
        erased += await chats.ForgetAsync(subject.TenantId, subject.UserId, cancellationToken) ? 1 : 0;
        await outbox.RemoveLearnerAsync(subject.LearnerKey, cancellationToken);
        if (congratulations.Count > 0)
        {
            await DeleteCongratulationsAsync(congratulations, cancellationToken);
        }

        return erased;
    }

    private async Task DeleteCongratulationsAsync(IEnumerable<BadgeAwardEntity> awards, CancellationToken cancellationToken)
    {
        // A scope per use: the Connector is a typed HttpClient, not to be held by a singleton.
        await using var scope = scopes.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectorClient>();
        foreach (var award in awards)
        {
            try
            {
                await connector.DeleteActivityAsync(award.PlaceServiceUrl!, award.PlaceConversationId!, award.CongratulationId!, cancellationToken);
            }
            catch (Exception e) when (ConnectorFailures.IsFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                // The stored data is gone either way; a message Teams would not delete is reported, not retried.
                LogNotDeleted(logger, ConnectorFailures.Describe(e));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forget me: a badge congratulation could not be deleted ({Error})")]
    private static partial void LogNotDeleted(ILogger logger, string error);
}
