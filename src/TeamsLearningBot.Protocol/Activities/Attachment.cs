using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsLearningBot.Protocol.Activities;

public sealed record Attachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public required string ContentType { get; init; }

    public JsonElement? Content { get; init; }

    public string? ContentUrl { get; init; }

    public string? Name { get; init; }

    public string? ThumbnailUrl { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
