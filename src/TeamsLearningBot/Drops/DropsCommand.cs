using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Drops;

/// <summary><c>drops</c>: the team's upcoming drops, next run in local time, last result.</summary>
public sealed class DropsCommand(DropPlanner planner, DropSummaryReader views) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var teamId = context.Activity.TeamId!;
        var zone = await planner.TeamZoneAsync(teamId, cancellationToken);
        var upcoming = await views.UpcomingAsync(teamId, zone, cancellationToken);
        await context.Turn.ReplyAsync(DropCard.List(upcoming, zone.Id), cancellationToken);
    }
}
