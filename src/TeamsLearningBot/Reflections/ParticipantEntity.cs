using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Row <c>p|{learner key}</c>: one learner's part in a card — their relevance rating (one per card;
/// a later one replaces it) and how many reflections they wrote. Keyed only by the one-way key.
/// </summary>
public sealed record ParticipantEntity : ITableEntity
{
    public const string RowPrefix = "p|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string LearnerKey { get; set; } = string.Empty;

    public int? Rating { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    public int Reflections { get; set; }

    public static string Row(string learnerKey) => RowPrefix + learnerKey;
}
