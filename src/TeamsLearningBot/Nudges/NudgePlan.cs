using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// A drop occurrence to nudge about once it is a day old (partition <c>plans</c>, row
/// <c>{due}|{team}|{drop}|{occurrence}</c>, so the planner finds due plans with one range query).
/// Added by the first channel post of the occurrence; the card it names is the one the nudge's
/// reflection form answers. The item is kept as it was posted, as the card shows it.
/// </summary>
public sealed class NudgePlan : ITableEntity
{
    public const string Partition = "plans";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public int DropNumber { get; set; }

    public string OccurrenceId { get; set; } = string.Empty;

    public string ChannelId { get; set; } = string.Empty;

    public string RootId { get; set; } = string.Empty;

    public string ServiceUrl { get; set; } = string.Empty;

    public string TenantId { get; set; } = string.Empty;

    public string? BotId { get; set; }

    public string? BotName { get; set; }

    /// <summary>The posted item as JSON (<see cref="Content.ContentItem"/>).</summary>
    public string Item { get; set; } = string.Empty;

    public string? Prompt { get; set; }

    public bool Anonymous { get; set; }

    public DateTimeOffset PostedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>A planner is fanning this plan out until then.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public static string DueKey(DateTimeOffset due) => due.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string RowFor(DateTimeOffset due, string teamId, int dropNumber, string occurrenceId) =>
        DueKey(due) + "|" + Storage.TableKeys.Encode(teamId) + "|" + dropNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + Storage.TableKeys.Encode(occurrenceId);
}
