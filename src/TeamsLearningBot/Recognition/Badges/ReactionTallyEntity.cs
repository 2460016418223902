using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Row <c>x|{reflection}</c> of the author's partition: the reactions one reflection holds now
/// (added minus removed), so the badge knows when it reaches, or falls below, the minimum.
/// </summary>
public sealed class ReactionTallyEntity : ITableEntity
{
    public const string RowPrefix = "x|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Reactions { get; set; }

    public static string Row(string subjectId) => RowPrefix + TableKeys.Encode(subjectId);
}
