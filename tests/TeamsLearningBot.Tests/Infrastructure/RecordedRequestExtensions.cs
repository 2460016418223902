using System.Text.Json;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Tests.Infrastructure;

internal static class RecordedRequestExtensions
{
    /// <summary>The Adaptive Card a recorded send carried (top level, or inside a create-conversation's activity).</summary>
    public static JsonElement? Card(this RecordedRequest request)
    {
        if (request.Body is not { ValueKind: JsonValueKind.Object } body)
        {
            return null;
        }

        var activity = body.TryGetProperty("activity", out var inner) ? inner : body;
        if (!activity.TryGetProperty("attachments", out var attachments) || attachments.GetArrayLength() == 0)
        {
            return null;
        }

        return attachments[0].GetProperty("content");
    }

    /// <summary>Every text of a card (TextBlocks, facts, action titles), for assertions on what people read.</summary>
    public static string CardText(this RecordedRequest request) => request.Card() is { } card ? string.Join("\n", Texts(card)) : string.Empty;

    /// <summary>All a person would read in the message: its text and its card's texts.</summary>
    public static string Readable(this RecordedRequest request) => (request.Text ?? string.Empty) + "\n" + request.CardText();

    private static IEnumerable<string> Texts(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "text" or "title" or "value" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }
                    else
                    {
                        foreach (var text in Texts(property.Value))
                        {
                            yield return text;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var text in Texts(item))
                    {
                        yield return text;
                    }
                }

                break;
            default:
                break;
        }
    }
}
