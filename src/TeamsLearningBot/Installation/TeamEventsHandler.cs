using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Installation;

/// <summary>Keeps the stored channel list and team name current as Teams reports changes.</summary>
public sealed class TeamEventsHandler(TeamStore teams) : IActivityHandler
{
    public static bool Selects(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.ConversationUpdate
            && activity.TeamId is not null
            && activity.ChannelData?.EventType is TeamsEventTypes.ChannelCreated
                or TeamsEventTypes.ChannelRenamed
                or TeamsEventTypes.ChannelRestored
                or TeamsEventTypes.ChannelDeleted
                or TeamsEventTypes.TeamRenamed
                or TeamsEventTypes.TeamDeleted
                or TeamsEventTypes.TeamHardDeleted;
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var teamId = activity.TeamId!;
        var channel = activity.ChannelData?.Channel;
        switch (activity.ChannelData?.EventType)
        {
            case TeamsEventTypes.ChannelCreated or TeamsEventTypes.ChannelRenamed or TeamsEventTypes.ChannelRestored when channel?.Id is not null:
                await teams.SaveChannelAsync(teamId, channel.Id, channel.Name, cancellationToken);
                break;
            case TeamsEventTypes.ChannelDeleted when channel?.Id is not null:
                await teams.MarkChannelDeletedAsync(teamId, channel.Id, cancellationToken);
                break;
            case TeamsEventTypes.TeamRenamed when activity.ChannelData?.Team?.Name is { } name:
                await teams.RenameAsync(teamId, name, cancellationToken);
                break;
            case TeamsEventTypes.TeamDeleted or TeamsEventTypes.TeamHardDeleted:
                await teams.MarkRemovedAsync(teamId, cancellationToken);
                break;
            default:
                break;
        }

        return null;
    }
}
