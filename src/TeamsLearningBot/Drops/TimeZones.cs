using System.Diagnostics.CodeAnalysis;

namespace TeamsLearningBot.Drops;

/// <summary>IANA time zones (<c>Europe/London</c>), the only ids teams and drops store.</summary>
public static class TimeZones
{
    public const string Default = "UTC";

    private static readonly Lazy<Dictionary<string, string>> IanaIds = new(() =>
        TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.HasIanaId)
            .Select(z => z.Id)
            .Append("UTC")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase));

    /// <summary>Finds a zone by IANA id, in any letter case; Windows ids and abbreviations are refused.</summary>
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        var key = id.Trim();
        if (string.Equals(key, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        if (!IanaIds.Value.TryGetValue(key, out var canonical))
        {
            // Some zones are not enumerated on every platform but can still be found by their exact id.
            if (!key.Contains('/', StringComparison.Ordinal) || !TimeZoneInfo.TryFindSystemTimeZoneById(key, out var found) || !found.HasIanaId)
            {
                return false;
            }

            zone = found;
            return true;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(canonical, out zone);
    }

    /// <summary>What to say about an id that is not an IANA zone, with close matches when there are any.</summary>
    public static string Explain(string id)
    {
        var needle = (id ?? string.Empty).Trim().Replace(' ', '_');
        var close = needle.Length < 3
            ? []
            : IanaIds.Value.Keys.Where(z => z.Contains(needle, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).Take(5).ToList();
        var hint = close.Count > 0 ? $" Did you mean {string.Join(", ", close)}?" : string.Empty;
        return $"\u201C{id}\u201D is not a time zone I know. Use an IANA id (Region/City), like `Europe/London`, `America/New_York`, `Asia/Kolkata` or `UTC`.{hint}";
    }

    /// <summary>The zone for a stored id; a stored id is valid, but a platform could lack it, so UTC is the fallback.</summary>
    public static TimeZoneInfo FindOrUtc(string? id) => TryFind(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>
    /// The instant a wall-clock time means in <paramref name="zone"/>, or null when the clocks skip it
    /// (spring forward). A time that occurs twice (fall back) means its first occurrence.
    /// </summary>
    public static DateTimeOffset? ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wallClock))
        {
            return null;
        }

        var offset = zone.IsAmbiguousTime(wallClock) ? zone.GetAmbiguousTimeOffsets(wallClock).Max() : zone.GetUtcOffset(wallClock);
        return new DateTimeOffset(wallClock, offset);
    }

    /// <summary><c>Mon 1 Dec 2026, 09:00 (Europe/London)</c>.</summary>
    public static string Describe(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return local.ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " (" + zone.Id + ")";
    }
}
