using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Events;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Row <c>state</c> of a learner's partition in <c>Badges</c>: one count and the number of tiers
/// awarded per badge, plus what a criterion needs to count distinct things (recent cards, people
/// given kudos, the last week reflected in). Columns are named after badge ids, so a badge added to
/// the catalogue needs no migration. Every change is ETag-conditional.
/// </summary>
public sealed class LearnerProgress
{
    public const string Row = "state";

    private LearnerProgress(TableEntity entity) => Entity = entity;

    /// <summary>The row as stored; its ETag is the one the next write is conditional on.</summary>
    public TableEntity Entity { get; }

    /// <summary>Never stored yet: the next write adds the row.</summary>
    public bool IsNew => Entity.ETag == default;

    /// <summary>Some award rows may still have notifications to send (see <see cref="BadgeNotifier"/>).</summary>
    public bool HasPending
    {
        get => Entity.GetBoolean(nameof(HasPending)) ?? false;
        set => Entity[nameof(HasPending)] = value;
    }

    public static LearnerProgress New(string partition, LearnerEvent learnerEvent)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        return new(new TableEntity(partition, Row)
        {
            ["TeamId"] = learnerEvent.TeamId,
            ["TenantId"] = learnerEvent.TenantId,
            ["LearnerKey"] = learnerEvent.LearnerKey,
        });
    }

    public static LearnerProgress From(TableEntity entity) => new(entity);

    public int Count(BadgeDefinition badge) => Entity.GetInt32(Column("n", badge)) ?? 0;

    public void SetCount(BadgeDefinition badge, int value) => Entity[Column("n", badge)] = Math.Max(0, value);

    /// <summary>How many of the badge's tiers were awarded (0 = none; tiers are awarded in order).</summary>
    public int TiersAwarded(BadgeDefinition badge) => Entity.GetInt32(Column("t", badge)) ?? 0;

    public void SetTiersAwarded(BadgeDefinition badge, int value) => Entity[Column("t", badge)] = value;

    /// <summary>The first day of the last week (team time) the learner counted toward a weekly badge.</summary>
    public DateOnly? LastWeek(BadgeDefinition badge) =>
        Entity.GetString(Column("w", badge)) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public void SetLastWeek(BadgeDefinition badge, DateOnly week) => Entity[Column("w", badge)] = week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A badge's list of fingerprints (see <see cref="BadgeRules"/>), stored as one string.</summary>
    public string Seen(BadgeDefinition badge) => Entity.GetString(Column("s", badge)) ?? string.Empty;

    public void SetSeen(BadgeDefinition badge, string value) => Entity[Column("s", badge)] = value;

    /// <summary>Table property names are identifiers: <c>point-of-need</c> counts in <c>n_point_of_need</c>.</summary>
    private static string Column(string prefix, BadgeDefinition badge) => prefix + "_" + badge.Id.Replace('-', '_');
}
