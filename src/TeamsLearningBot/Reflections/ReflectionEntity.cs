using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Row <c>r|{source}</c>: one reflection, keyed by the activity that brought it (the thread
/// message, or the card action), so a redelivered activity finds its row and is stored once.
/// An anonymous reflection keeps no name and no id: only the one-way learner key.
/// </summary>
public sealed record ReflectionEntity : ITableEntity
{
    public const string RowPrefix = "r|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string SourceId { get; set; } = string.Empty;

    public string Origin { get; set; } = nameof(ReflectionOrigin.Card);

    public string Text { get; set; } = string.Empty;

    public bool Anonymous { get; set; }

    /// <summary>Null when anonymous.</summary>
    public string? AuthorId { get; set; }

    /// <summary>Null when anonymous.</summary>
    public string? AuthorName { get; set; }

    public string LearnerKey { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public int ContentNumber { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>Posted into the thread (always true for thread replies, which Teams shows itself).</summary>
    public bool Echoed { get; set; }

    /// <summary>The bot's thread message that carries this reflection.</summary>
    public string? EchoActivityId { get; set; }

    /// <summary>
    /// Written just before the echo is sent, cleared once Teams' answer is recorded: a refresher that
    /// finds it set took over from one that stopped in between, cannot tell whether the echo arrived,
    /// and does not post it again. Still set on an echoed row, it marks the echo as unconfirmed.
    /// </summary>
    public bool EchoSending { get; set; }

    public static string Row(string sourceId) => RowPrefix + Storage.TableKeys.Encode(sourceId);

    /// <summary>How the reflection is signed wherever it is shown.</summary>
    [IgnoreDataMember]
    public string Signature => Anonymous ? "A colleague" : AuthorName ?? "Someone";
}

/// <summary>Where a reflection was written.</summary>
public enum ReflectionOrigin
{
    /// <summary>In the card's form; the bot posts it into the thread.</summary>
    Card,

    /// <summary>As a reply in the drop's thread; Teams shows it already.</summary>
    Thread,
}
