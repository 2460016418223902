using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsLearningBot.Protocol.Activities;

/// <summary>
/// An activity entity. Teams sends <c>mention</c> and <c>clientInfo</c>; both are flattened here,
/// anything else stays in <see cref="Extra"/>.
/// </summary>
public sealed record Entity
{
    public const string MentionType = "mention";

    public required string Type { get; init; }

    /// <summary>For a mention: who was mentioned.</summary>
    public ChannelAccount? Mentioned { get; init; }

    /// <summary>For a mention: the markup as it stands in the text, e.g. <c>&lt;at&gt;Jane&lt;/at&gt;</c>.</summary>
    public string? Text { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    public static Entity Mention(ChannelAccount who, string markup) =>
        new() { Type = MentionType, Mentioned = who, Text = markup };
}
