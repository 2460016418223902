using TeamsLearningBot.Insights;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Tab;

/// <summary>
/// Which insights a tab in a channel shows, decided on the server from what it knows, never from the
/// page: the page only says which channel the tab is in. A channel the bot knows as one of the
/// team's standard channels (the General channel, and the channels Teams listed or announced to
/// the bot, stored with the team) shows the team's insights. Any other channel is taken for a
/// private or shared one and shows only its own insights (its content appears nowhere else, and
/// nothing from elsewhere appears in it), to a facilitator of the team whom Teams lists among the
/// channel's members (the Connector's members API of that channel, also the roster its tiers count).
/// When Teams will not list them, the view is refused: membership cannot be shown. When Teams
/// cannot be asked (the bot's token, a Connector fault or timeout), <see cref="TeamsUnavailableException"/>:
/// neither shown nor refused, to be tried again.
/// </summary>
public sealed partial class TabChannels(TeamStore teams, InsightsRoster roster, LearnerKeys keys, ILogger<TabChannels> logger)
{
    /// <summary>The view of <paramref name="channelId"/> (none: the team's) for a facilitator of <paramref name="team"/>, or null when they may not see it.</summary>
    /// <exception cref="TeamsUnavailableException">Teams could not be asked for the channel's members.</exception>
    public async Task<ChannelView?> ResolveAsync(TeamEntity team, TabUser user, string? channelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(channelId) || string.Equals(channelId, team.TeamId, StringComparison.Ordinal)
            || (await teams.ListChannelsAsync(team.TeamId, cancellationToken)).Any(c => string.Equals(c.ChannelId, channelId, StringComparison.Ordinal)))
        {
            return new ChannelView(new InsightsScope(team.TeamId), null);
        }

        if (string.IsNullOrEmpty(team.ServiceUrl))
        {
            return null;
        }

        IReadOnlyCollection<string>? members;
        try
        {
            members = await roster.KeysAsync(team.ServiceUrl, team.TenantId, channelId, cancellationToken);
        }
        catch (Exception e) when (TeamsUnavailableException.IsFault(e, cancellationToken))
        {
            LogNoMembers(logger, e.GetType().Name);
            throw new TeamsUnavailableException("Teams could not be asked for the channel's members.", e);
        }

        return members is not null && members.Contains(keys.For(user.TenantId, user.ObjectId))
            ? new ChannelView(new InsightsScope(team.TeamId, channelId), members)
            : null;
    }

    /// <summary>The scope a tab shows, and for a private or shared channel its members (the team's are listed by the caller).</summary>
    public sealed record ChannelView(InsightsScope Scope, IReadOnlyCollection<string>? Members);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tab insights: Teams could not be asked for a channel's members ({Error}); answering 503")]
    private static partial void LogNoMembers(ILogger logger, string error);
}
