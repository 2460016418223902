using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsLearningBot.Cards;

/// <summary>A card action. Submit data is serialized from an object, never assembled as text.</summary>
public sealed class CardAction
{
    /// <summary>The key of the command in a <see cref="Command"/> button's submit data.</summary>
    public const string CommandKey = "command";

    private CardAction(JsonObject node) => Node = node;

    internal JsonObject Node { get; }

    public static CardAction OpenUrl(string title, Uri url) => new(new JsonObject
    {
        ["type"] = "Action.OpenUrl",
        ["title"] = title,
        ["url"] = url.AbsoluteUri,
    });

    /// <summary>Classic submit: arrives as a message activity whose <c>value</c> is <paramref name="data"/> plus the inputs.</summary>
    public static CardAction Submit(string title, object data) => new(new JsonObject
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["data"] = JsonSerializer.SerializeToNode(data, CardJson.Options),
    });

    /// <summary>Opens <paramref name="card"/> under the button; its inputs are submitted with the outer card's.</summary>
    public static CardAction ShowCard(string title, AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new(new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = title,
            ["card"] = card.ToJson(),
        });
    }

    /// <summary>
    /// Universal action: arrives as an <c>adaptiveCard/action</c> invoke with <paramref name="verb"/>;
    /// clients without Universal Actions fall back to an equivalent submit carrying the verb.
    /// </summary>
    public static CardAction Execute(string title, string verb, object data)
    {
        var payload = JsonSerializer.SerializeToNode(data, CardJson.Options)!.AsObject();
        var fallbackData = payload.DeepClone().AsObject();
        fallbackData["verb"] = verb;
        return new CardAction(new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = payload,
            ["fallback"] = new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = title,
                ["data"] = fallbackData,
            },
        });
    }

    /// <summary>
    /// A button that runs <paramref name="command"/> as if the user had typed it: a plain submit
    /// carrying the command, which Teams and the Agents Playground both deliver as a message with
    /// that <c>value</c>. Not <c>msteams</c> messageBack/imBack data: the Playground's web UI fails
    /// on any submit whose data has <c>msteams</c>, so such a button does nothing there.
    /// </summary>
    public static CardAction Command(string title, string command) => new(new JsonObject
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["data"] = new JsonObject { [CommandKey] = command },
    });
}
