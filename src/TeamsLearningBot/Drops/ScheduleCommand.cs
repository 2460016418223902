using TeamsLearningBot.Commands;
using TeamsLearningBot.Content;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Drops;

/// <summary><c>schedule C12 in #channel every monday at 09:30</c> and its other forms.</summary>
public sealed class ScheduleCommand(
    TeamStore teams,
    ContentStore content,
    ChannelResolver channels,
    DropPlanner planner,
    DropSummaryReader views,
    TimeProvider time) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = DropCommandParser.ParseSchedule(context.Arguments);
        if (!parsed.Succeeded)
        {
            await context.ReplyErrorAsync(parsed.Error, parsed.Usage, cancellationToken);
            return;
        }

        var request = parsed.Value;
        var teamId = context.Activity.TeamId!;
        var team = await teams.GetAsync(teamId, cancellationToken);
        if (team is null)
        {
            await context.ReplyErrorAsync(DropReplies.UnknownTeam, [], cancellationToken);
            return;
        }

        TimeZoneInfo? zone;
        if (request.TimeZone is { } requestedZone)
        {
            if (!TimeZones.TryFind(requestedZone, out zone))
            {
                await context.ReplyErrorAsync(TimeZones.Explain(requestedZone), DropCommandParser.ScheduleUsage, cancellationToken);
                return;
            }
        }
        else
        {
            zone = TimeZones.FindOrUtc(team.TimeZone);
        }

        var what = await CheckWhatAsync(teamId, request, cancellationToken);
        if (what.Error is not null)
        {
            await context.ReplyErrorAsync(what.Error, [], cancellationToken);
            return;
        }

        var where = await channels.ResolveAsync(context.Turn, request.Channels, cancellationToken);
        if (!where.Succeeded)
        {
            await context.ReplyErrorAsync(where.Error!, DropCommandParser.ScheduleUsage, cancellationToken);
            return;
        }

        var when = Plan(request.Time, zone);
        if (when.Error is not null)
        {
            await context.ReplyErrorAsync(when.Error, when.Usage, cancellationToken);
            return;
        }

        var drop = await planner.CreateAsync(
            new Drop
            {
                TeamId = teamId,
                Number = 0,
                ContentNumber = request.ContentNumber,
                Tag = what.Tag,
                Channels = where.Channels,
                Schedule = when.Schedule!,
                TimeZone = request.TimeZone is null ? null : zone.Id,
                Anonymous = request.Anonymous,
                CreatedById = context.Activity.From?.Id,
                CreatedByName = context.Activity.From?.Name,
                RequestId = context.Activity.Id,
                CreatedAt = time.GetUtcNow(),
            },
            when.First!.Value,
            cancellationToken);
        await context.Turn.ReplyAsync(DropCard.Scheduled(drop, await views.DescribeWhatAsync(drop, cancellationToken), zone), cancellationToken);
    }

    private async Task<(string? Tag, string? Error)> CheckWhatAsync(string teamId, ScheduleRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentNumber is { } number)
        {
            var item = await content.GetAsync(teamId, number, cancellationToken);
            return item switch
            {
                null => (null, $"There is no C{number} in this team's library. `content list` shows what is there."),
                { Status: ContentStatus.Archived } => (null, $"{item.Id} is archived. Pick an active item (`content list`)."),
                _ => (null, null),
            };
        }

        // Series tags match in any case; the library's own spelling is kept.
        var items = await content.ListAsync(teamId, request.Tag, includeArchived: false, cancellationToken);
        var tag = items.SelectMany(i => i.Tags).FirstOrDefault(t => t.Equals(request.Tag, StringComparison.OrdinalIgnoreCase));
        return tag is null
            ? (null, $"No active item is tagged \u2018{request.Tag}\u2019 yet, so a series would have nothing to post. `content list` shows the tags in use.")
            : (tag, null);
    }

    private (DropSchedule? Schedule, DateTimeOffset? First, string? Error, IReadOnlyList<string> Usage) Plan(RequestedTime requested, TimeZoneInfo zone)
    {
        var now = time.GetUtcNow();
        if (requested.OnceLocal is { } local)
        {
            var wallClock = local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            if (TimeZones.ToInstant(local, zone) is not { } instant)
            {
                return (null, null, $"{wallClock} does not exist in {zone.Id}: the clocks go forward at that time. Pick another time.", DropCommandParser.ScheduleUsage);
            }

            if (instant <= now)
            {
                return (null, null, $"{wallClock} ({zone.Id}) has already passed: it is now {TimeZones.Describe(now, zone)}. Pick a time in the future, or post it straight away with `drop C12 now`.", [DropCommandParser.ScheduleUsage[0], .. DropCommandParser.DropNowUsage]);
            }

            return (DropSchedule.Once(instant, requested.Description), instant, null, []);
        }

        var schedule = DropSchedule.Recurring(requested.Cron!, requested.Description);
        return schedule.NextAfter(now, zone) is { } first
            ? (schedule, first, null, [])
            : (null, null, "That schedule never runs again.", DropCommandParser.ScheduleUsage);
    }
}
