using System.Globalization;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Insights;

/// <summary>
/// Keys of the term rows, <c>t|{scope}|{tag}|{week}|{shard}</c>: the scope is <c>*</c> for a team's
/// standard channels or the private or shared channel's id; the tag is <c>*</c> for every
/// reflection of the scope or one lower-cased tag. A report on a tag reads one key range: the
/// weeks of its period, every shard. Learners spread over the shards by their key, so people
/// reflecting at the same moment rarely meet on one row.
/// </summary>
public static class TermRows
{
    public const int Shards = 8;
    public const string All = "*";

    public static string Scope(string channelId, bool isPrivate) => isPrivate && channelId.Length > 0 ? TableKeys.Encode(channelId) : All;

    public static string Key(string scope, string tag, int week, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix(scope, tag)}{InsightsWeeks.Key(week)}|{shard}");

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

    /// <summary>The first and the past-the-last key of a scope's rows on a tag in weeks <paramref name="firstWeek"/>…<paramref name="lastWeek"/>.</summary>
    public static (string From, string To) Range(string scope, string tag, int firstWeek, int lastWeek) =>
        (Prefix(scope, tag) + InsightsWeeks.Key(firstWeek), Prefix(scope, tag) + InsightsWeeks.Key(lastWeek) + "}");

    /// <summary>The week of a term row (the second part from the end); int.MaxValue when the key is not one.</summary>
    public static int WeekOf(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var parts = rowKey.Split('|');
        return parts.Length >= 5 && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var week) ? week : int.MaxValue;
    }

    public static string TagKey(string? tag) => tag is null ? All : TableKeys.Encode(tag.ToLowerInvariant());

    private static string Prefix(string scope, string tag) => $"{InsightsStore.TermPrefix}{scope}|{tag}|";
}
