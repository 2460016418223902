using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TeamsLearningBot.Events;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// What one event does to a learner's counts, criterion by criterion, and which tiers are then
/// due. Pure: the engine reads the rows, this changes them in memory, the engine commits them.
/// <list type="bullet">
/// <item>Point of Need counts distinct cards: the cards counted lately are kept as short
/// fingerprints with their posting time, and dropped once too old to be reflected on in time.</item>
/// <item>Encourager counts distinct people: fingerprints salted with the giver's partition, so
/// they identify nobody and cannot be matched across givers; at most <see cref="MaxPeople"/>.</item>
/// <item>Conversation Starter counts reflections that now hold the minimum of reactions: one
/// reaching it adds one, one falling below it (a removed reaction) takes one back. Tiers already
/// awarded stay — an award is never revoked.</item>
/// <item>Regular counts the current run of consecutive weeks (Monday to Sunday in the team's time
/// zone) with a reflection; a week missed starts the run again at 1.</item>
/// </list>
/// </summary>
public static class BadgeRules
{
    public const int MaxPeople = 2000;

    /// <summary>Applies the event to every badge it can affect; <paramref name="tally"/> is the reaction subject's row, when there is one.</summary>
    public static void Apply(LearnerEvent learnerEvent, LearnerProgress progress, ReactionTallyEntity? tally, TimeZoneInfo zone, IReadOnlyList<BadgeDefinition> badges)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(badges);
        var e = learnerEvent;
        foreach (var badge in badges)
        {
            var count = progress.Count(badge);
            switch (badge.Criterion)
            {
                case BadgeCriterion.ReflectedSoonAfterPosting:
                    count += CountCardInTime(e, progress, badge);
                    break;
                case BadgeCriterion.ItemsRated:
                case BadgeCriterion.SuggestionsApproved:
                case BadgeCriterion.KudosReceived:
                    count += e.Delta;
                    break;
                case BadgeCriterion.ReflectionsSharingResources:
                    count += e.SharesResource ? e.Delta : 0;
                    break;
                case BadgeCriterion.LongReflections:
                    count += e.Words >= badge.Parameter ? e.Delta : 0;
                    break;
                case BadgeCriterion.PeopleGivenKudos:
                    count += CountPerson(e, progress, badge, count);
                    break;
                case BadgeCriterion.ReflectionsWithReactions when tally is not null:
                    var before = tally.Reactions;
                    var after = before + e.Delta;
                    count += (after >= badge.Parameter ? 1 : 0) - (before >= badge.Parameter ? 1 : 0);
                    break;
                case BadgeCriterion.WeeksInARow:
                    count = WeeksInARow(e, progress, badge, count, zone);
                    break;
                default:
                    break;
            }

            progress.SetCount(badge, count);
        }

        if (tally is not null)
        {
            tally.Reactions += e.Delta;
        }
    }

    /// <summary>The tiers of enabled badges whose threshold (the team's) the count reached and that were not awarded yet, lowest first.</summary>
    public static IReadOnlyList<DueTier> Due(IEnumerable<BadgeDefinition> badges, LearnerProgress progress, BadgeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(badges);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(settings);
        var due = new List<DueTier>();
        foreach (var badge in badges.Where(settings.IsEnabled))
        {
            var thresholds = settings.ThresholdsOf(badge);
            var count = progress.Count(badge);
            for (var tier = progress.TiersAwarded(badge); tier < thresholds.Count && count >= thresholds[tier]; tier++)
            {
                due.Add(new DueTier(badge, tier, thresholds[tier], count));
            }
        }

        return due;
    }

    /// <summary>The Monday that starts the week of <paramref name="at"/> in <paramref name="zone"/>.</summary>
    public static DateOnly WeekOf(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    public static string Fingerprint(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    private static int CountCardInTime(LearnerEvent e, LearnerProgress progress, BadgeDefinition badge)
    {
        if (e.PostedAt is not { } posted || e.Delta <= 0)
        {
            return 0;
        }

        var window = TimeSpan.FromHours(badge.Parameter);
        var late = e.At - posted;
        if (late > window || late < TimeSpan.FromMinutes(-5))
        {
            return 0;
        }

        // Only cards posted within twice the window can still count; older fingerprints go.
        var horizon = e.At - (2 * window);
        var cards = progress.Seen(badge)
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(':'))
            .Where(parts => parts.Length == 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var seconds) && DateTimeOffset.FromUnixTimeSeconds(seconds) >= horizon)
            .Select(parts => (Fingerprint: parts[0], Posted: parts[1]))
            .ToList();
        var card = Fingerprint(e.SubjectId ?? e.EventId);
        var counted = cards.Any(c => c.Fingerprint == card);
        if (!counted)
        {
            cards.Add((card, posted.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }

        progress.SetSeen(badge, string.Join(';', cards.Select(c => c.Fingerprint + ":" + c.Posted)));
        return counted ? 0 : 1;
    }

    private static int CountPerson(LearnerEvent e, LearnerProgress progress, BadgeDefinition badge, int count)
    {
        if (string.IsNullOrEmpty(e.OtherLearnerKey) || e.Delta <= 0 || count >= MaxPeople)
        {
            return 0;
        }

        var person = Fingerprint(progress.Entity.PartitionKey + "|" + e.OtherLearnerKey);
        var seen = progress.Seen(badge);
        if (seen.Split(',', StringSplitOptions.RemoveEmptyEntries).Contains(person, StringComparer.Ordinal))
        {
            return 0;
        }

        progress.SetSeen(badge, seen.Length == 0 ? person : seen + "," + person);
        return 1;
    }

    private static int WeeksInARow(LearnerEvent e, LearnerProgress progress, BadgeDefinition badge, int count, TimeZoneInfo zone)
    {
        if (e.Delta <= 0)
        {
            return count;
        }

        var week = WeekOf(e.At, zone);
        var last = progress.LastWeek(badge);
        if (last is { } previous && week <= previous)
        {
            // The same week, or a late event from an earlier one: the run is what it was.
            return count;
        }

        progress.SetLastWeek(badge, week);
        return last is { } lastWeek && week == lastWeek.AddDays(7) ? count + 1 : 1;
    }
}

/// <summary>A tier a learner has reached and not yet been awarded.</summary>
public sealed record DueTier(BadgeDefinition Badge, int TierIndex, int Threshold, int Count);
