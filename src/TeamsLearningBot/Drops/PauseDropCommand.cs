using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Drops;

/// <summary><c>pause D4</c>: no runs until <c>resume D4</c>; runs that fall in the pause are skipped.</summary>
public sealed class PauseDropCommand(DropPlanner planner) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await context.ParseDropIdAsync(cancellationToken) is not { } number)
        {
            return;
        }

        var update = await planner.PauseAsync(context.Activity.TeamId!, number, cancellationToken);
        switch (update)
        {
            case { Drop: null }:
                await context.ReplyNoSuchDropAsync(number, cancellationToken);
                break;
            case { Changed: true, Drop: { } drop }:
                await context.Turn.ReplyAsync($"Paused {drop.Id}. `resume {drop.Id}` starts it again from the next scheduled time.", cancellationToken);
                break;
            case { Drop: { } drop }:
                await context.Turn.ReplyAsync($"{drop.Id} is not running, so there is nothing to pause (it is {drop.Status.ToString().ToLowerInvariant()}).", cancellationToken);
                break;
        }
    }
}
