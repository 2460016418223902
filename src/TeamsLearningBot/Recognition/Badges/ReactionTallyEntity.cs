using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Row <c>x|{hash of the reflection id}</c> of the author's partition: the reactions one reflection holds now
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

    /// <summary>The reflection's id hashed, so an id of any length fits a row key.</summary>
    public static string Row(string subjectId) =>
        RowPrefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(subjectId)))[..32];
}
