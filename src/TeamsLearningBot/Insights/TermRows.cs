using System.Globalization;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Insights;

/// <summary>
/// Keys of the term rows, <c>t|{scope}|{tag}|b{block}|{shard}</c>, one per four weeks (block =
/// week / 4, as the ledgers' entries): the scope is <c>*</c> for a team's standard channels or the
/// private or shared channel's id; the tag is <c>*</c> for every reflection of the scope or one
/// lower-cased tag. A report on a tag reads one key range: the blocks of its period, every shard.
/// Learners spread over the shards by their key, so people reflecting at the same moment rarely
/// meet on one row.
/// </summary>
/// <remarks>
/// Rows written before the blocks are per week, <c>t|{scope}|{tag}|{week}|{shard}</c> (the
/// <see cref="Key"/> of a week): still read, and moved into their block at their next change. The
/// ledgers name a reflection's share by that weekly key, which says the week and, through
/// <see cref="BlockKeyOf"/>, the row.
/// </remarks>
public static class TermRows
{
    public const int Shards = 8;
    public const string All = "*";
    private const char BlockMark = 'b';

    public static string Scope(string channelId, bool isPrivate) => isPrivate && channelId.Length > 0 ? TableKeys.Encode(channelId) : All;

    /// <summary>The weekly key: a row of the layout before blocks, and how a ledger names its share of a block row.</summary>
    public static string Key(string scope, string tag, int week, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix(scope, tag)}{InsightsWeeks.Key(week)}|{shard}");

    /// <summary>The row that holds week <paramref name="week"/>'s counts: its block's.</summary>
    public static string BlockKey(string scope, string tag, int week, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix(scope, tag)}{BlockMark}{InsightsWeeks.Key(InsightsWeeks.BlockOf(week))}|{shard}");

    /// <summary>The block row of a weekly key (<see cref="Key"/>).</summary>
    public static string BlockKeyOf(string weekKey)
    {
        ArgumentNullException.ThrowIfNull(weekKey);
        var (start, end) = WeekPart(weekKey);
        var week = int.Parse(weekKey.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{weekKey[..start]}{BlockMark}{InsightsWeeks.Key(InsightsWeeks.BlockOf(week))}{weekKey[end..]}");
    }

    public static int ShardOf(string learnerKey)
    {
        ArgumentNullException.ThrowIfNull(learnerKey);
        var hash = 2166136261u;
        foreach (var c in learnerKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }

    /// <summary>The first and the past-the-last key of a scope's weekly rows on a tag in weeks <paramref name="firstWeek"/>…<paramref name="lastWeek"/> (the layout before blocks).</summary>
    public static (string From, string To) Range(string scope, string tag, int firstWeek, int lastWeek) =>
        (Prefix(scope, tag) + InsightsWeeks.Key(firstWeek), Prefix(scope, tag) + InsightsWeeks.Key(lastWeek) + "}");

    /// <summary>The first and the past-the-last key of a scope's block rows on a tag that hold weeks of <paramref name="firstWeek"/>…<paramref name="lastWeek"/>.</summary>
    public static (string From, string To) BlockRange(string scope, string tag, int firstWeek, int lastWeek) =>
        (Prefix(scope, tag) + BlockMark + InsightsWeeks.Key(InsightsWeeks.BlockOf(firstWeek)), Prefix(scope, tag) + BlockMark + InsightsWeeks.Key(InsightsWeeks.BlockOf(lastWeek)) + "}");

    /// <summary>The week of a weekly term row or key (the second part from the end); int.MaxValue when the key is not one.</summary>
    public static int WeekOf(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var parts = rowKey.Split('|');
        return parts.Length >= 5 && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var week) ? week : int.MaxValue;
    }

    /// <summary>The block of a block row; null when the key is not one (a weekly row).</summary>
    public static int? BlockOf(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var parts = rowKey.Split('|');
        return parts.Length >= 5 && parts[^2].Length > 1 && parts[^2][0] == BlockMark
            && int.TryParse(parts[^2].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var block)
                ? block
                : null;
    }

    public static string TagKey(string? tag) => tag is null ? All : TableKeys.Encode(tag.ToLowerInvariant());

    private static string Prefix(string scope, string tag) => $"{InsightsStore.TermPrefix}{scope}|{tag}|";

    private static (int Start, int End) WeekPart(string key)
    {
        var end = key.LastIndexOf('|');
        var start = end > 0 ? key.LastIndexOf('|', end - 1) + 1 : -1;
        return start > 0 ? (start, end) : throw new ArgumentException($"Not a weekly term row key: \"{key}\".", nameof(key));
    }
}
