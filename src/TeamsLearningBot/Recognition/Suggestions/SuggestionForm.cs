using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// The library entry a facilitator completes to approve a suggestion, pre-filled from it: a title
/// guessed from the link, the reason as "why this matters", an open prompt. Input ids carry the
/// suggestion's id (<c>S3.title</c>) because a listing holds several forms in one card.
/// </summary>
public static class SuggestionForm
{
    public const string DefaultPrompt = "What in this could you use in your own work, and how?";
    private const string Title = "title";
    private const string Kind = "kind";
    private const string Minutes = "minutes";
    private const string Tags = "tags";
    private const string Need = "need";
    private const string Summary = "summary";
    private const string Prompts = "prompts";
    private const string Note = "note";
    private const string KeepPrompt = "keepPrompt";

    /// <summary>What the form shows first: what the suggestion tells, the rest left to the facilitator.</summary>
    public static ContentInput Prefill(SuggestionEntity suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return new ContentInput
        {
            Title = GuessTitle(suggestion.Link),
            Url = suggestion.Url,
            PerformanceNeed = suggestion.Why,
            Kind = nameof(ContentKind.Article).ToLowerInvariant(),
            Prompts = [DefaultPrompt],
        };
    }

    /// <summary>The inputs, with <paramref name="values"/> shown; the keep-my-prompt switch only when a prompt was flagged.</summary>
    public static IEnumerable<CardElement> Inputs(SuggestionEntity suggestion, ContentInput values, string? note, bool offerKeepPrompt)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        ArgumentNullException.ThrowIfNull(values);
        var id = suggestion.Id;
        yield return CardElement.TextInput(Key(id, Title), "Title", Cut(values.Title, ContentLimits.Title), placeholder: "The title people will see", maxLength: ContentLimits.Title);
        yield return CardElement.TextInput(Key(id, Need), "Why would anyone need this?", Cut(values.PerformanceNeed, ContentLimits.PerformanceNeed), multiline: true, maxLength: ContentLimits.PerformanceNeed);
        yield return CardElement.TextInput(Key(id, Prompts), "Reflection prompt(s), one per line", Cut(values.Prompts.Count == 0 ? null : string.Join('\n', values.Prompts), (ContentLimits.Prompt + 1) * ContentLimits.Prompts), multiline: true);
        if (offerKeepPrompt)
        {
            yield return CardElement.Toggle(Key(id, KeepPrompt), "Keep my prompt as written");
        }

        yield return CardElement.TextInput(Key(id, Summary), "Summary", Cut(values.Summary, ContentLimits.Summary), placeholder: "A sentence or two on what's in it", multiline: true, maxLength: ContentLimits.Summary);
        yield return CardElement.ChoiceInput(Key(id, Kind), "Kind", Enum.GetValues<ContentKind>().Select(k => (k.ToString(), k.ToString().ToLowerInvariant())), KindValue(values.Kind));
        yield return CardElement.NumberInput(Key(id, Minutes), "Minutes to read, watch or listen", int.TryParse(values.Minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null, ContentLimits.MinMinutes, ContentLimits.MaxMinutes);
        yield return CardElement.TextInput(Key(id, Tags), "Tags, comma-separated", Cut(values.Tags.Count == 0 ? null : string.Join(", ", values.Tags), (ContentLimits.Tag + 2) * ContentLimits.Tags), placeholder: "feedback, retrospectives");
        yield return CardElement.TextInput(Key(id, Note), $"A note to {suggestion.SuggesterDisplayName} (optional)", Cut(note, SuggestionLimits.Note), placeholder: "Thanks, or why not this time", multiline: true, maxLength: SuggestionLimits.Note);
    }

    /// <summary>The entry as submitted; the link is always the suggested one.</summary>
    public static ContentInput Read(JsonElement value, SuggestionEntity suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var id = suggestion.Id;
        var form = new JsonObject
        {
            [ContentFormCard.TitleId] = ReadRaw(value, Key(id, Title)),
            [ContentFormCard.NeedId] = ReadRaw(value, Key(id, Need)),
            [ContentFormCard.PromptsId] = ReadRaw(value, Key(id, Prompts)),
            [ContentFormCard.SummaryId] = ReadRaw(value, Key(id, Summary)),
            [ContentFormCard.KindId] = ReadRaw(value, Key(id, Kind)),
            [ContentFormCard.MinutesId] = ReadRaw(value, Key(id, Minutes)),
            [ContentFormCard.TagsId] = ReadRaw(value, Key(id, Tags)),
        };
        return ContentInput.FromCardValue(JsonSerializer.SerializeToElement(form)) with { Url = suggestion.Url };
    }

    /// <summary>The note to the suggester, tidied and cut to its limit; null when left empty.</summary>
    public static string? ReadNote(JsonElement value, SuggestionEntity suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var note = ReadRaw(value, Key(suggestion.Id, Note))?.Trim();
        if (string.IsNullOrEmpty(note))
        {
            return null;
        }

        note = new string([.. note.Where(c => !char.IsControl(c) || c is '\n')]);
        return note.Length <= SuggestionLimits.Note ? note : note[..SuggestionLimits.Note];
    }

    public static bool ReadKeepPrompt(JsonElement value, SuggestionEntity suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return ReadRaw(value, Key(suggestion.Id, KeepPrompt)) == "true";
    }

    /// <summary>"giving-feedback_that-lands.html" reads "Giving feedback that lands"; a bare site reads as its host.</summary>
    public static string GuessTitle(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var segment = url.Segments.Select(s => Uri.UnescapeDataString(s.Trim('/'))).LastOrDefault(s => s.Length > 0) ?? string.Empty;
        var dot = segment.LastIndexOf('.');
        if (dot > 0 && segment.Length - dot <= 5)
        {
            segment = segment[..dot];
        }

        var words = segment.Replace('-', ' ').Replace('_', ' ').Replace('+', ' ').Trim();
        if (words.Length < 3 || words.All(c => char.IsDigit(c) || c == ' '))
        {
            return url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
        }

        words = string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var title = char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
        return title.Length <= ContentLimits.Title ? title : title[..ContentLimits.Title];
    }

    private static string Key(string suggestionId, string field) => suggestionId + "." + field;

    // Input.Number arrives as a string from Teams, as a number from some other clients.
    private static string? ReadRaw(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var property)
            ? property.ValueKind switch
            {
                JsonValueKind.String => property.GetString(),
                JsonValueKind.Number => property.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    private static string? KindValue(string? kind) =>
        Enum.TryParse<ContentKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed.ToString().ToLowerInvariant()
            : nameof(ContentKind.Article).ToLowerInvariant();

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
