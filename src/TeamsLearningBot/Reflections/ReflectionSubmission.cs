namespace TeamsLearningBot.Reflections;

/// <summary>One contribution to a card, already validated: a reflection, a rating, or both.</summary>
public sealed record ReflectionSubmission
{
    public required PostKey Post { get; init; }

    /// <summary>The activity that brought it: the thread message id, or the card action's activity id.</summary>
    public required string SourceId { get; init; }

    public required ReflectionOrigin Origin { get; init; }

    /// <summary>Normalised text; empty for a rating alone.</summary>
    public string Text { get; init; } = string.Empty;

    public int? Rating { get; init; }

    /// <summary>Asked to share without a name (honoured only where the drop allows it).</summary>
    public bool Anonymous { get; init; }

    public required string LearnerKey { get; init; }

    public string? AuthorId { get; init; }

    public string? AuthorAadObjectId { get; init; }

    public string? TenantId { get; init; }

    public string? AuthorName { get; init; }

    public string? ServiceUrl { get; init; }

    /// <summary>The membership of the card's channel as the activity tells it (<c>channelData.channel.type</c>), when it does.</summary>
    public string? ChannelType { get; init; }

    /// <summary>The drop the card says it belongs to, for a card shared from (null for a thread reply).</summary>
    public Drops.CardOrigin? Card { get; init; }
}
