using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>Reads a card the way a person would: its texts, and its buttons' titles and data.</summary>
internal static class CardContent
{
    /// <summary>Every text, title and fact of the card, unescaped, one per line.</summary>
    public static string Text(Attachment attachment) => Text(attachment.Content!.Value);

    public static string Text(JsonElement card)
    {
        var texts = new List<string>();
        Collect(card, texts);
        return string.Join('\n', texts);
    }

    /// <summary>The <c>data</c> of every Action.Submit on the card, in order.</summary>
    public static IReadOnlyList<JsonElement> SubmitData(JsonElement card)
    {
        var data = new List<JsonElement>();
        Walk(card, e =>
        {
            if (e.TryGetProperty("type", out var type) && type.GetString() == "Action.Submit" && e.TryGetProperty("data", out var d))
            {
                data.Add(d.Clone());
            }
        });
        return data;
    }

    private static void Collect(JsonElement element, List<string> texts) =>
        Walk(element, e =>
        {
            foreach (var name in new[] { "text", "title", "value", "label" })
            {
                if (e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    texts.Add(value.GetString()!);
                }
            }
        });

    /// <summary>Visits every object in a JSON tree, depth first.</summary>
    public static void Walk(JsonElement element, Action<JsonElement> visit)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                visit(element);
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, visit);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, visit);
                }

                break;
            default:
                break;
        }
    }
}
