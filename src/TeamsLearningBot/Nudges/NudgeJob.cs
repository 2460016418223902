using System.Text.Json;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// A queue message: consider nudging one member of a team about one drop occurrence. It carries
/// the card and the item as posted and whom to write to, so a worker's decision reads only that
/// person's rows.
/// </summary>
public sealed record NudgeJob
{
    public required string TeamId { get; init; }

    public required int DropNumber { get; init; }

    public required string OccurrenceId { get; init; }

    public required string ChannelId { get; init; }

    public required string RootId { get; init; }

    public required DateTimeOffset PostedAt { get; init; }

    /// <summary>The item as posted.</summary>
    public required Content.ContentItem Item { get; init; }

    public string? Prompt { get; init; }

    /// <summary>The drop allows anonymous reflections.</summary>
    public bool Anonymous { get; init; }

    public required string ServiceUrl { get; init; }

    public required string TenantId { get; init; }

    public string? BotId { get; init; }

    public string? BotName { get; init; }

    /// <summary>The team's time zone, for a learner whose own the bot has not seen.</summary>
    public string? TeamTimeZone { get; init; }

    public string? TeamName { get; init; }

    public required string UserId { get; init; }

    public string? AadObjectId { get; init; }

    public string? Name { get; init; }

    public string ToMessage() => JsonSerializer.Serialize(this);

    public static NudgeJob? FromMessage(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<NudgeJob>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
