using System.Globalization;
using System.Text.RegularExpressions;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Drops;

/// <summary>The cards the drop commands answer with. Times are always shown with their zone.</summary>
public static partial class DropCard
{
    private const int RecentOccurrences = 3;

    /// <summary>What was wrong, and the forms that work.</summary>
    public static Attachment Error(string message, IReadOnlyList<string> usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var card = new AdaptiveCard().Add(CardElement.Text(Emphasis(message), TextStyle.Warning));
        if (usage.Count > 0)
        {
            card.Add(CardElement.Text(usage.Count == 1 ? "The form is:" : "Forms that work:", TextStyle.Subtle));
            foreach (var form in usage)
            {
                card.Add(CardElement.Text(form));
            }
        }

        return card.ToAttachment();
    }

    public static Attachment Scheduled(Drop drop, string what, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var facts = new List<(string, string)>
        {
            ("What", what),
            ("Where", Channels(drop.Channels)),
            ("When", drop.Schedule.Description),
            ("Next", drop.NextDueUtc is { } next ? TimeZones.Describe(next, zone) : "—"),
        };
        if (drop.Anonymous)
        {
            facts.Add(("Reflections", "anonymous"));
        }

        return new AdaptiveCard()
            .Add(CardElement.Text($"Scheduled {drop.Id}", TextStyle.Heading))
            .Add(CardElement.Facts(facts))
            .Add(CardElement.Text(Emphasis($"`drop status {drop.Id}` shows how it went; `pause {drop.Id}` or `cancel {drop.Id}` stops it."), TextStyle.Subtle))
            .ToAttachment();
    }

    /// <summary>The team's upcoming drops with their next run and how the latest one went.</summary>
    public static Attachment List(IReadOnlyList<DropSummary> drops, string teamZone)
    {
        ArgumentNullException.ThrowIfNull(drops);
        var card = new AdaptiveCard()
            .Add(CardElement.Text("Upcoming drops", TextStyle.Heading))
            .Add(CardElement.Text($"Team time zone: {teamZone}", TextStyle.Subtle));
        if (drops.Count == 0)
        {
            card.Add(CardElement.Text("Nothing is scheduled. Try: schedule C12 in #general every monday at 09:30"));
            return card.ToAttachment();
        }

        foreach (var summary in drops)
        {
            var drop = summary.Drop;
            var facts = new List<(string, string)>
            {
                ("Where", Channels(drop.Channels)),
                ("When", drop.Schedule.Description + (drop.TimeZone is null ? string.Empty : $" ({drop.TimeZone})")),
                ("Next", drop.Status == DropStatus.Paused ? "paused" : drop.NextDueUtc is { } next ? TimeZones.Describe(next, summary.Zone) : "—"),
                ("Last", summary.LastResult ?? "not run yet"),
            };
            card.Add(CardElement.Container(
                [CardElement.Text($"**{drop.Id}** · {summary.What}"), CardElement.Facts(facts)],
                separator: true));
        }

        return card.ToAttachment();
    }

    /// <summary>Per-channel delivery of a drop's latest occurrences.</summary>
    public static Attachment Status(Drop drop, string what, TimeZoneInfo zone, IReadOnlyList<Delivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(drop);
        ArgumentNullException.ThrowIfNull(deliveries);
        var card = new AdaptiveCard()
            .Add(CardElement.Text($"{drop.Id} · {what}", TextStyle.Heading))
            .Add(CardElement.Facts(
            [
                ("Where", Channels(drop.Channels)),
                ("When", drop.Schedule.Description),
                ("Status", Emphasis(Describe(drop, zone))),
            ]));

        var occurrences = deliveries
            .GroupBy(d => d.OccurrenceId)
            .Select(g => (Id: g.Key, Due: g.First().OccurrenceDueUtc, Rows: g.ToList()))
            .ToList();
        if (drop.Occurrence is { } latest && occurrences.All(o => o.Id != latest.Id))
        {
            occurrences.Insert(0, (latest.Id, latest.DueUtc, []));
        }

        if (occurrences.Count == 0)
        {
            card.Add(CardElement.Text("It has not run yet.", TextStyle.Subtle));
            return card.ToAttachment();
        }

        foreach (var (id, due, rows) in occurrences.OrderByDescending(o => o.Due).Take(RecentOccurrences))
        {
            var items = new List<CardElement> { CardElement.Text(TimeZones.Describe(due, zone), TextStyle.Heading) };
            var occurrence = drop.Occurrence?.Id == id ? drop.Occurrence : null;
            var collapsed = occurrence?.Collapsed ?? rows.Select(r => r.Collapsed).DefaultIfEmpty(1).Max();
            if (collapsed > 1)
            {
                items.Add(CardElement.Text(
                    $"{collapsed.ToString(CultureInfo.InvariantCulture)} missed occurrences were collapsed into one: the bot was not running at the scheduled times, so only the latest was posted.",
                    TextStyle.Warning));
            }

            if (occurrence?.Note is { } note)
            {
                items.Add(CardElement.Text(note, TextStyle.Warning));
            }

            var facts = rows.Select(r => ("#" + r.ChannelName, DescribeDelivery(r))).ToList();
            if (occurrence is { FanOut: not FanOutState.Skipped })
            {
                facts.AddRange(occurrence.Channels
                    .Where(c => rows.All(r => r.ChannelId != c.Id))
                    .Select(c => ("#" + c.Name, "pending")));
            }

            if (facts.Count > 0)
            {
                items.Add(CardElement.Facts(facts));
            }

            card.Add(CardElement.Container(items, separator: true));
        }

        return card.ToAttachment();
    }

    /// <summary><c>posted to 3 of 4 channels, 1 failed</c>, for listings.</summary>
    public static string Summarize(DropOccurrence? occurrence, IReadOnlyList<Delivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        if (occurrence is null)
        {
            return "not run yet";
        }

        if (occurrence.FanOut == FanOutState.Skipped)
        {
            return "skipped: " + occurrence.Note;
        }

        var rows = deliveries.Where(d => d.OccurrenceId == occurrence.Id).ToList();
        var posted = rows.Count(r => r.State is DeliveryState.Posted or DeliveryState.Unconfirmed);
        var failed = rows.Count(r => r.State == DeliveryState.Failed);
        var stopped = rows.Count(r => r.State == DeliveryState.Stopped);
        var pending = occurrence.Channels.Count - posted - failed - stopped;
        var parts = new List<string> { $"posted to {posted} of {occurrence.Channels.Count} channel{(occurrence.Channels.Count == 1 ? string.Empty : "s")}" };
        if (failed > 0)
        {
            parts.Add($"{failed} failed");
        }

        if (stopped > 0)
        {
            parts.Add($"{stopped} stopped before posting");
        }

        if (pending > 0)
        {
            parts.Add($"{pending} pending");
        }

        if (occurrence.Collapsed > 1)
        {
            parts.Add($"{occurrence.Collapsed} missed occurrences collapsed into one");
        }

        return string.Join(", ", parts);
    }

    public static string Channels(IReadOnlyList<DropChannel> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return string.Join(", ", channels.Select(c => "#" + c.Name));
    }

    private static string Describe(Drop drop, TimeZoneInfo zone) => drop.Status switch
    {
        DropStatus.Active when drop.NextDueUtc is { } next => "next run " + TimeZones.Describe(next, zone),
        DropStatus.Paused => $"paused (`resume {drop.Id}` to continue)",
        DropStatus.Cancelled => "cancelled",
        _ => "finished",
    };

    private static string DescribeDelivery(Delivery delivery) => delivery.State switch
    {
        DeliveryState.Posted => "posted",
        DeliveryState.Unconfirmed => "posted (unconfirmed): " + delivery.Reason,
        DeliveryState.Failed => "failed: " + delivery.Reason,
        DeliveryState.Stopped => "not posted: " + delivery.Reason,
        DeliveryState.Retrying => $"pending, retrying ({delivery.Reason})",
        _ => "sending",
    };

    // Inline code is not rendered in card text; bold reads the same.
    private static string Emphasis(string text) => InlineCode().Replace(text, "**$1**");

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();
}
