using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Content;

/// <summary>
/// One item of a team's library. Partition: the team; row: <c>item|{number:D8}</c> so items list
/// in the order they were added. Lists (tags, prompts) are stored as JSON strings.
/// </summary>
public sealed class ContentEntity : ITableEntity
{
    public const string RowPrefix = "item|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public int Number { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public string? Summary { get; set; }

    public string Kind { get; set; } = nameof(ContentKind.Article);

    public int? Minutes { get; set; }

    public string TagsJson { get; set; } = "[]";

    public string? PerformanceNeed { get; set; }

    public string PromptsJson { get; set; } = "[]";

    public string? AddedById { get; set; }

    public string? AddedByName { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public string Status { get; set; } = nameof(ContentStatus.Active);

    /// <summary>Who suggested it, when it came in as a learner's suggestion.</summary>
    public string? SuggestedById { get; set; }

    public string? SuggestedByName { get; set; }
}
