using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Drops;

/// <summary><c>cancel D4</c>: no further runs. Posts already on their way still arrive.</summary>
public sealed class CancelDropCommand(DropPlanner planner) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await context.ParseDropIdAsync(cancellationToken) is not { } number)
        {
            return;
        }

        var update = await planner.CancelAsync(context.Activity.TeamId!, number, cancellationToken);
        switch (update)
        {
            case { Drop: null }:
                await context.ReplyNoSuchDropAsync(number, cancellationToken);
                break;
            case { Changed: true, Drop: { } drop }:
                await context.Turn.ReplyAsync($"Cancelled {drop.Id}: it will not run again, and channels a post is still on its way to will not get it.", cancellationToken);
                break;
            case { Drop: { } drop }:
                await context.Turn.ReplyAsync($"{drop.Id} is already {(drop.Status == DropStatus.Cancelled ? "cancelled" : "finished")}.", cancellationToken);
                break;
        }
    }
}
