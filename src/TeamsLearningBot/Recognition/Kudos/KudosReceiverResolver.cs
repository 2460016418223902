using System.Net;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// Who the people named in a kudos are, keyed exactly as <see cref="Learners.LearnerKeys.KeyOf"/>
/// keys a sender (tenant + Entra object id, else the Teams user id), so one person has one key
/// whether they reflect or receive kudos. Teams' mention entities carry the Teams user id
/// (<c>29:…</c>) and the display name but usually not the object id; when it is missing the bot
/// asks Teams for the member (<c>GET /v3/conversations/{team or chat}/members/{id}</c>), which
/// also confirms they belong to the team or chat.
/// </summary>
public sealed class KudosReceiverResolver(LearnerKeys keys)
{
    /// <summary>The people, and the names of those who are not members here.</summary>
    public async Task<(IReadOnlyList<KudosPerson> People, IReadOnlyList<string> NotMembers)> ResolveAsync(
        TurnContext turn,
        IReadOnlyList<ChannelAccount> mentioned,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(mentioned);
        var activity = turn.Activity;
        var tenantId = activity.TenantId ?? string.Empty;
        var roster = activity.TeamId ?? ThreadIds.ChannelOf(activity.Conversation?.Id) ?? string.Empty;
        var people = new List<KudosPerson>();
        var notMembers = new List<string>();
        foreach (var who in mentioned)
        {
            var aadObjectId = who.AadObjectId;
            var name = who.Name;
            if (string.IsNullOrEmpty(aadObjectId))
            {
                try
                {
                    var member = await turn.Connector.GetMemberAsync(turn.ServiceUrl, roster, who.Id!, cancellationToken);
                    aadObjectId = member.AadId;
                    name = string.IsNullOrEmpty(name) ? member.Name : name;
                }
                catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
                {
                    notMembers.Add(name ?? "someone you named");
                    continue;
                }
            }

            people.Add(new KudosPerson(keys.For(tenantId, string.IsNullOrEmpty(aadObjectId) ? who.Id! : aadObjectId), who.Id!, aadObjectId, name));
        }

        return (people, notMembers);
    }
}
