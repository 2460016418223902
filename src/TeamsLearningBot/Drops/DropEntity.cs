using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Drops;

/// <summary>
/// A drop as stored: partition = the team, row = <c>drop|{number:D8}</c>. The latest occurrence is
/// flattened into <c>Occurrence*</c> columns so that a claim is a single conditional update.
/// </summary>
public sealed record DropEntity : ITableEntity
{
    public const string RowPrefix = "drop|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public int Number { get; set; }

    public int? ContentNumber { get; set; }

    public string? Tag { get; set; }

    public string ChannelsJson { get; set; } = "[]";

    public DateTimeOffset? OnceUtc { get; set; }

    public string? Cron { get; set; }

    public string ScheduleDescription { get; set; } = string.Empty;

    public string? TimeZone { get; set; }

    public bool Anonymous { get; set; }

    public string Status { get; set; } = nameof(DropStatus.Active);

    public DateTimeOffset? NextDueUtc { get; set; }

    public int OccurrenceCount { get; set; }

    public string SeriesPostedJson { get; set; } = "[]";

    public string? OccurrenceId { get; set; }

    public DateTimeOffset? OccurrenceDueUtc { get; set; }

    public DateTimeOffset? OccurrenceIndexDueUtc { get; set; }

    public int OccurrenceSequence { get; set; }

    public int? OccurrenceContentNumber { get; set; }

    public string? OccurrencePrompt { get; set; }

    public string? OccurrenceChannelsJson { get; set; }

    public int OccurrenceCollapsed { get; set; }

    public string? OccurrenceNote { get; set; }

    public string? OccurrenceFanOut { get; set; }

    public DateTimeOffset? OccurrenceClaimedAt { get; set; }

    public string? CreatedById { get; set; }

    public string? CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? RequestId { get; set; }

    public static string Row(int number) => RowPrefix + number.ToString("D8", CultureInfo.InvariantCulture);

    public static DropEntity From(Drop drop, string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var occurrence = drop.Occurrence;
        return new DropEntity
        {
            PartitionKey = partitionKey,
            RowKey = Row(drop.Number),
            ETag = drop.ETag,
            TeamId = drop.TeamId,
            Number = drop.Number,
            ContentNumber = drop.ContentNumber,
            Tag = drop.Tag,
            ChannelsJson = JsonSerializer.Serialize(drop.Channels),
            OnceUtc = drop.Schedule.OnceUtc,
            Cron = drop.Schedule.Cron,
            ScheduleDescription = drop.Schedule.Description,
            TimeZone = drop.TimeZone,
            Anonymous = drop.Anonymous,
            Status = drop.Status.ToString(),
            NextDueUtc = drop.NextDueUtc,
            OccurrenceCount = drop.OccurrenceCount,
            SeriesPostedJson = JsonSerializer.Serialize(drop.SeriesPosted),
            OccurrenceId = occurrence?.Id,
            OccurrenceDueUtc = occurrence?.DueUtc,
            OccurrenceIndexDueUtc = occurrence?.IndexDueUtc,
            OccurrenceSequence = occurrence?.Sequence ?? 0,
            OccurrenceContentNumber = occurrence?.ContentNumber,
            OccurrencePrompt = occurrence?.Prompt,
            OccurrenceChannelsJson = occurrence is null ? null : JsonSerializer.Serialize(occurrence.Channels),
            OccurrenceCollapsed = occurrence?.Collapsed ?? 0,
            OccurrenceNote = occurrence?.Note,
            OccurrenceFanOut = occurrence?.FanOut.ToString(),
            OccurrenceClaimedAt = occurrence?.ClaimedAt,
            CreatedById = drop.CreatedById,
            CreatedByName = drop.CreatedByName,
            CreatedAt = drop.CreatedAt,
            RequestId = drop.RequestId,
        };
    }

    public Drop ToDrop() => new()
    {
        TeamId = TeamId,
        Number = Number,
        ContentNumber = ContentNumber,
        Tag = Tag,
        Channels = JsonSerializer.Deserialize<DropChannel[]>(ChannelsJson) ?? [],
        Schedule = Cron is null
            ? new DropSchedule { OnceUtc = OnceUtc, Description = ScheduleDescription }
            : new DropSchedule { Cron = Cron, Description = ScheduleDescription },
        TimeZone = TimeZone,
        Anonymous = Anonymous,
        Status = Enum.TryParse<DropStatus>(Status, out var status) ? status : DropStatus.Cancelled,
        NextDueUtc = NextDueUtc,
        OccurrenceCount = OccurrenceCount,
        SeriesPosted = JsonSerializer.Deserialize<int[]>(SeriesPostedJson) ?? [],
        Occurrence = OccurrenceId is null ? null : new DropOccurrence
        {
            Id = OccurrenceId,
            DueUtc = OccurrenceDueUtc ?? default,
            IndexDueUtc = OccurrenceIndexDueUtc ?? default,
            Sequence = OccurrenceSequence,
            ContentNumber = OccurrenceContentNumber,
            Prompt = OccurrencePrompt,
            Channels = OccurrenceChannelsJson is null ? [] : JsonSerializer.Deserialize<DropChannel[]>(OccurrenceChannelsJson) ?? [],
            Collapsed = Math.Max(1, OccurrenceCollapsed),
            Note = OccurrenceNote,
            FanOut = Enum.TryParse<FanOutState>(OccurrenceFanOut, out var fanOut) ? fanOut : FanOutState.Done,
            ClaimedAt = OccurrenceClaimedAt ?? default,
        },
        CreatedById = CreatedById,
        CreatedByName = CreatedByName,
        CreatedAt = CreatedAt,
        RequestId = RequestId,
        ETag = ETag,
    };
}
