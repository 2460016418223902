using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary><c>leaderboard off</c> and <c>leaderboard on</c>: whether the team ranks its top contributors at all.</summary>
public sealed class LeaderboardSwitchCommand(ContributionStore store) : ICommandHandler
{
    public const string Off = "leaderboard off";
    public const string On = "leaderboard on";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var off = context.Command.Name == Off;
        await store.UpdateSettingsAsync(context.Activity.TeamId!, s => s with { LeaderboardOff = off }, cancellationToken);
        await context.Turn.ReplyAsync(
            off
                ? "The leaderboard is now off for this team: `leaderboard` says the facilitators switched it off, and the weekly post names no top contributors. Turn it back on with `leaderboard on`."
                : "The leaderboard is on for this team: `leaderboard` shows the top contributors of the last 30 days.",
            cancellationToken);
    }
}
