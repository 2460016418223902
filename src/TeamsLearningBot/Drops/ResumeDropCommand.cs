using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Drops;

/// <summary><c>resume D4</c>: runs again from the next scheduled time after now; nothing missed is posted.</summary>
public sealed class ResumeDropCommand(DropPlanner planner, TimeProvider time) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await context.ParseDropIdAsync(cancellationToken) is not { } number)
        {
            return;
        }

        var teamId = context.Activity.TeamId!;
        var update = await planner.ResumeAsync(teamId, number, cancellationToken);
        var zone = update.Drop?.TimeZone is { } own ? TimeZones.FindOrUtc(own) : await planner.TeamZoneAsync(teamId, cancellationToken);
        switch (update)
        {
            case { Drop: null }:
                await context.ReplyNoSuchDropAsync(number, cancellationToken);
                break;
            case { Changed: true, Drop: { NextDueUtc: { } next } drop }:
                await context.Turn.ReplyAsync($"Resumed {drop.Id}. Next run: {TimeZones.Describe(next, zone)}.", cancellationToken);
                break;
            case { Drop: { Status: DropStatus.Paused, Schedule.OnceUtc: { } once } drop } when once <= time.GetUtcNow():
                await context.ReplyErrorAsync(
                    $"{drop.Id} was a one-off due {TimeZones.Describe(once, zone)}, which passed while it was paused. Schedule it again, or post it now.",
                    [DropCommandParser.ScheduleUsage[0], .. DropCommandParser.DropNowUsage],
                    cancellationToken);
                break;
            case { Drop: { } drop }:
                await context.Turn.ReplyAsync($"{drop.Id} is not paused (it is {drop.Status.ToString().ToLowerInvariant()}).", cancellationToken);
                break;
        }
    }
}
