using System.Text.Json;

namespace TeamsLearningBot.Tests.Drops;

/// <summary>A channel thread the bot started: where, its id, and the activity it posted.</summary>
internal sealed record ConnectorPost(string ChannelId, string ActivityId, JsonElement Activity)
{
    /// <summary>Every <c>text</c> of the posted card, in order.</summary>
    public IReadOnlyList<string> CardTexts => [.. Texts(Activity)];

    private static IEnumerable<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Name == "text" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Texts(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts),
        _ => [],
    };
}
