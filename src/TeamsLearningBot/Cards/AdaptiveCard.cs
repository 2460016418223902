using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Cards;

/// <summary>
/// A small typed builder for Adaptive Cards 1.5 (the highest version Teams renders for bots).
/// Everything goes through the JSON serializer, so user text can never break the card's structure.
/// </summary>
public sealed class AdaptiveCard
{
    public const string Version = "1.5";

    /// <summary>Teams refuses messages above ~28–40 KB; cards are kept under the lower bound.</summary>
    public const int MaxPayloadBytes = 28 * 1024;

    private readonly JsonArray body = [];
    private readonly JsonArray actions = [];
    private readonly JsonArray mentions = [];
    private JsonObject? refresh;

    public AdaptiveCard Add(CardElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        body.Add(element.Node);
        return this;
    }

    public AdaptiveCard AddAction(CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        actions.Add(action.Node);
        return this;
    }

    /// <summary>
    /// Makes <paramref name="who"/> a real mention, so Teams notifies them: put the returned markup
    /// in a TextBlock's text (the card's <c>msteams.entities</c> carries the matching entity).
    /// </summary>
    public string Mention(ChannelAccount who)
    {
        ArgumentNullException.ThrowIfNull(who);
        var (markup, entity) = Mentions.Create(who);
        mentions.Add(JsonSerializer.SerializeToNode(entity, CardJson.Options));
        return markup;
    }

    /// <summary>Asks Teams to refresh the card for these users (≤ 60) through <paramref name="action"/>.</summary>
    public AdaptiveCard WithRefresh(CardAction action, IEnumerable<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(action);
        refresh = new JsonObject
        {
            ["action"] = action.Node,
            ["userIds"] = new JsonArray([.. userIds.Take(60).Select(id => (JsonNode)id)]),
        };
        return this;
    }

    public JsonObject ToJson()
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = body.DeepClone(),
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions.DeepClone();
        }

        if (refresh is not null)
        {
            card["refresh"] = refresh.DeepClone();
        }

        if (mentions.Count > 0)
        {
            card["msteams"] = new JsonObject { ["entities"] = mentions.DeepClone() };
        }

        return card;
    }

    public Attachment ToAttachment()
    {
        var element = JsonSerializer.SerializeToElement(ToJson());

        // What counts is the UTF-8 the Connector receives, escapes included.
        var size = Encoding.UTF8.GetByteCount(element.GetRawText());
        if (size > MaxPayloadBytes)
        {
            throw new CardTooLargeException(size);
        }

        return new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = element };
    }
}

internal static class CardJson
{
    public static JsonSerializerOptions Options => ActivityJson.Options;
}

/// <summary>A card whose JSON would exceed what Teams accepts in one message.</summary>
public sealed class CardTooLargeException(int bytes)
    : Exception($"The card is {bytes / 1024} KB; Teams accepts at most {AdaptiveCard.MaxPayloadBytes / 1024} KB.")
{
    public int Bytes { get; } = bytes;
}
