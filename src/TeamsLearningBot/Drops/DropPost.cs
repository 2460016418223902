namespace TeamsLearningBot.Drops;

/// <summary>
/// A content card the bot posted as a new channel thread. Replies in the thread carry
/// <see cref="ThreadConversationId"/>; the root is (<see cref="ChannelId"/>, <see cref="ActivityId"/>).
/// </summary>
public sealed record DropPost
{
    public required string ChannelId { get; init; }

    public required string ActivityId { get; init; }

    public required string ThreadConversationId { get; init; }

    public required string TeamId { get; init; }

    public required int DropNumber { get; init; }

    public required string OccurrenceId { get; init; }

    public required int ContentNumber { get; init; }

    public string? Prompt { get; init; }

    public bool Anonymous { get; init; }

    public required DateTimeOffset PostedAt { get; init; }
}
