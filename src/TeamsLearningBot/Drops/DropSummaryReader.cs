using System.Globalization;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Drops;

/// <summary>Reads what the drop cards show: a drop's item in words and how its latest occurrence went.</summary>
public sealed class DropSummaryReader(DropStore drops, PostStore posts, ContentStore content)
{
    /// <summary><c>C12 · Giving feedback that lands</c>, or <c>series tag:feedback (3 of 5 posted)</c>.</summary>
    public async Task<string> DescribeWhatAsync(Drop drop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drop);
        if (drop.Tag is { } tag)
        {
            var items = await content.ListAsync(drop.TeamId, tag, includeArchived: false, cancellationToken);
            var posted = items.Count(i => drop.SeriesPosted.Contains(i.Number));
            return $"series tag:{tag} ({posted.ToString(CultureInfo.InvariantCulture)} of {items.Count.ToString(CultureInfo.InvariantCulture)} posted)";
        }

        var item = await content.GetAsync(drop.TeamId, drop.ContentNumber ?? 0, cancellationToken);
        return item is null ? drop.What : $"{item.Id} · {item.Title}";
    }

    /// <summary>Every channel a drop has posted to or will post to.</summary>
    public static IEnumerable<string> ChannelsOf(Drop drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        return drop.Channels.Select(c => c.Id).Concat(drop.Occurrence?.Channels.Select(c => c.Id) ?? []).Distinct(StringComparer.Ordinal);
    }

    /// <summary>The team's active and paused drops, soonest first, each with its latest result.</summary>
    public async Task<IReadOnlyList<DropSummary>> UpcomingAsync(string teamId, TimeZoneInfo teamZone, CancellationToken cancellationToken)
    {
        var upcoming = (await drops.ListAsync(teamId, cancellationToken))
            .Where(d => d.Status is DropStatus.Active or DropStatus.Paused)
            .OrderBy(d => d.Status == DropStatus.Paused)
            .ThenBy(d => d.NextDueUtc ?? DateTimeOffset.MaxValue)
            .ToList();
        var summaries = new List<DropSummary>();
        foreach (var drop in upcoming)
        {
            var recent = drop.Occurrence is null ? [] : await posts.ListRecentAsync(teamId, drop.Number, ChannelsOf(drop), 1, cancellationToken);
            summaries.Add(new DropSummary(
                drop,
                await DescribeWhatAsync(drop, cancellationToken),
                drop.TimeZone is null ? teamZone : TimeZones.FindOrUtc(drop.TimeZone),
                drop.Occurrence is null ? null : DropCard.Summarize(drop.Occurrence, recent)));
        }

        return summaries;
    }
}

/// <summary>A drop as listed: what it posts in words, its zone and how its latest occurrence went.</summary>
public sealed record DropSummary(Drop Drop, string What, TimeZoneInfo Zone, string? LastResult);
