using TeamsLearningBot.Commands;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary><c>leaderboard</c>: the top contributors of the last 30 days, unless the facilitators switched it off.</summary>
public sealed class LeaderboardCommand(ContributionStore store, Standings standings, TeamStore teams, TimeProvider time) : ICommandHandler
{
    public const int Days = 30;
    public const int Top = 10;

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // In a group chat the community is the chat itself.
        var communityId = context.Activity.TeamId ?? context.Activity.Conversation?.Id ?? string.Empty;
        if ((await store.GetSettingsAsync(communityId, cancellationToken))?.LeaderboardOff == true)
        {
            await context.Turn.ReplyAsync("The leaderboard is switched off for this team by its facilitators.", cancellationToken);
            return;
        }

        var zone = TimeZones.FindOrUtc((await teams.GetAsync(communityId, cancellationToken))?.TimeZone);
        var today = WeeklySchedule.LocalDay(time.GetUtcNow(), zone);
        var top = await standings.TopAsync(communityId, today.AddDays(-(Days - 1)), today, Top, cancellationToken);
        await context.Turn.ReplyAsync(LeaderboardCard.Build(top, Days), cancellationToken);
    }
}
