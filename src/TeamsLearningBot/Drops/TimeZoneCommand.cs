using TeamsLearningBot.Commands;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Drops;

/// <summary><c>timezone Europe/London</c>: the team's zone for schedules; recurring drops that follow it move with it.</summary>
public sealed class TimeZoneCommand(TeamStore teams, DropPlanner planner) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var teamId = context.Activity.TeamId!;
        var requested = context.Arguments.Trim();
        if (requested.Length == 0)
        {
            var current = await planner.TeamZoneAsync(teamId, cancellationToken);
            await context.Turn.ReplyAsync($"This team's time zone is {current.Id}. Change it with `timezone Europe/London` (any IANA id).", cancellationToken);
            return;
        }

        if (!TimeZones.TryFind(requested, out var zone))
        {
            await context.ReplyErrorAsync(TimeZones.Explain(requested), ["timezone Europe/London"], cancellationToken);
            return;
        }

        if (!await teams.SetTimeZoneAsync(teamId, zone.Id, cancellationToken))
        {
            await context.ReplyErrorAsync(DropReplies.UnknownTeam, [], cancellationToken);
            return;
        }

        var moved = await planner.FollowTeamZoneAsync(teamId, zone, cancellationToken);
        var note = moved.Count == 0
            ? string.Empty
            : $" {moved.Count} recurring drop{(moved.Count == 1 ? " follows" : "s follow")} it: " + string.Join("; ", moved.Select(d => $"{d.Id} next {TimeZones.Describe(d.NextDueUtc!.Value, zone)}")) + ".";
        await context.Turn.ReplyAsync($"This team's time zone is now {zone.Id}.{note}", cancellationToken);
    }
}
