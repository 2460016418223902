using System.Globalization;
using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// What a card action brought: its verb and the card's inputs merged with the action's data. The
/// same shape whether it arrived as an <c>adaptiveCard/action</c> invoke or as a Submit message.
/// </summary>
public sealed record CardInputs(string? Verb, string? Text, string? Rating, bool Anonymous, string? Drop, int? Item, int Page, bool OnCard, string? Occurrence = null)
{
    /// <summary>From an invoke's <c>value.action</c> ({verb, data}); null when the shape is wrong.</summary>
    public static CardInputs? FromInvoke(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action)
            || action.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        return Read(String(action, "verb"), data);
    }

    /// <summary>From a Submit message's <c>value</c>, where the fallback put the verb.</summary>
    public static CardInputs? FromSubmit(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Value is { ValueKind: JsonValueKind.Object } value ? Read(String(value, "verb"), value) : null;
    }

    public static string? VerbOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return (activity.IsInvoke ? FromInvoke(activity) : FromSubmit(activity))?.Verb;
    }

    private static CardInputs Read(string? verb, JsonElement data) => new(
        verb,
        String(data, ReflectionVerbs.TextInput),
        String(data, ReflectionVerbs.RatingInput),
        String(data, ReflectionVerbs.AnonymousInput) is { } toggle && bool.TryParse(toggle, out var on) && on,
        String(data, "drop"),
        Number(data, "item"),
        Number(data, "page") is > 0 and var page ? page : 1,
        String(data, "onCard") == "true",
        String(data, "occurrence"));

    private static string? String(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    private static int? Number(JsonElement element, string name) =>
        int.TryParse(String(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
