using System.Text.Json.Nodes;

namespace TeamsLearningBot.Tests.EndToEnd;

/// <summary>
/// A bot message as the Playground pushes it to its web UI. A new channel post arrives under the
/// channel's id with <see cref="PostConversationId"/> naming its thread; a reply inside a thread
/// arrives under the thread's id.
/// </summary>
internal sealed record BotMessage(string ConversationId, string? PostConversationId, string MessageId, string? Text, IReadOnlyList<JsonObject> AdaptiveCards)
{
    private const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Every text, title and value in the message's Adaptive Cards, one per line.</summary>
    public string CardText => string.Join('\n', AdaptiveCards.SelectMany(Strings));

    public static BotMessage? Parse(string json)
    {
        var push = JsonNode.Parse(json)?.AsObject();
        if (push?["action"]?.GetValue<string>() != "createMessage" || push["message"] is not JsonObject message)
        {
            return null;
        }

        var cards = (message["attachments"]?.AsArray() ?? [])
            .Where(a => a?["contentType"]?.GetValue<string>() == AdaptiveCardType && a["content"] is JsonObject)
            .Select(a => a!["content"]!.AsObject())
            .ToList();
        return new BotMessage(
            push["actionConversationId"]!.GetValue<string>(),
            message["postConversationId"]?.GetValue<string>(),
            message["messageId"]!.GetValue<string>(),
            message["text"]?.GetValue<string>(),
            cards);
    }

    /// <summary>The <c>data</c> of the card button titled <paramref name="title"/>, or null.</summary>
    public JsonObject? ActionData(string title) => AdaptiveCards
        .SelectMany(card => card["actions"]?.AsArray() ?? [])
        .FirstOrDefault(action => action?["title"]?.GetValue<string>() == title)?["data"]?.AsObject();

    public override string ToString() =>
        $"[{ConversationId}{(PostConversationId is null ? string.Empty : " → " + PostConversationId)}] {Text}{CardText.ReplaceLineEndings(" | ")}";

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key is "text" or "title" or "value" && p.Value is JsonValue value && value.TryGetValue<string>(out var s)
            ? [s]
            : Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        _ => [],
    };
}
