using System.Text.Json;

namespace TeamsLearningBot.Content;

/// <summary>
/// An item as someone typed it (form, one-line command or starter pack), not yet validated.
/// Everything stays text so that a mistake can be echoed back in the form.
/// </summary>
public sealed record ContentInput
{
    public string? Title { get; init; }

    public string? Url { get; init; }

    public string? Summary { get; init; }

    public string? Kind { get; init; }

    public string? Minutes { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? PerformanceNeed { get; init; }

    public IReadOnlyList<string> Prompts { get; init; } = [];

    /// <summary>The form's inputs as they arrive in an Action.Submit <c>value</c> (ids from <see cref="ContentFormCard"/>).</summary>
    public static ContentInput FromCardValue(JsonElement value) => new()
    {
        Title = Read(value, ContentFormCard.TitleId),
        Url = Read(value, ContentFormCard.UrlId),
        Summary = Read(value, ContentFormCard.SummaryId),
        Kind = Read(value, ContentFormCard.KindId),
        Minutes = Read(value, ContentFormCard.MinutesId),
        Tags = SplitTags(Read(value, ContentFormCard.TagsId)),
        PerformanceNeed = Read(value, ContentFormCard.NeedId),
        Prompts = SplitLines(Read(value, ContentFormCard.PromptsId)),
    };

    public static ContentInput FromItem(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new()
        {
            Title = item.Title,
            Url = item.Url.AbsoluteUri,
            Summary = item.Summary,
            Kind = item.Kind.ToString().ToLowerInvariant(),
            Minutes = item.Minutes?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Tags = item.Tags,
            PerformanceNeed = item.PerformanceNeed,
            Prompts = item.Prompts,
        };
    }

    public static IReadOnlyList<string> SplitTags(string? text) =>
        text is null ? [] : [.. text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public static IReadOnlyList<string> SplitLines(string? text) =>
        text is null ? [] : [.. text.Split(['\r', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    // Input.Number arrives as a string from Teams, as a number from some other clients.
    private static string? Read(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var property)
            ? property.ValueKind switch
            {
                JsonValueKind.String => property.GetString(),
                JsonValueKind.Number => property.GetRawText(),
                _ => null,
            }
            : null;
}
