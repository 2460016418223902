using System.Text.Json;

namespace TeamsLearningBot.Drops;

/// <summary>
/// A queue message: post one occurrence of a drop to one channel. It carries everything the post
/// needs except the team's address and the item itself, which are read fresh when it runs.
/// </summary>
public sealed record DropJob
{
    public required string TeamId { get; init; }

    public required int DropNumber { get; init; }

    public required string OccurrenceId { get; init; }

    public required DateTimeOffset OccurrenceDueUtc { get; init; }

    public required string ChannelId { get; init; }

    public required string ChannelName { get; init; }

    public required int ContentNumber { get; init; }

    public string? Prompt { get; init; }

    public int Collapsed { get; init; } = 1;

    public bool Anonymous { get; init; }

    public string ToMessage() => JsonSerializer.Serialize(this);

    public static DropJob? FromMessage(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<DropJob>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
