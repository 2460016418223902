using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Content;

/// <summary>
/// The add/edit form. Its Save button submits <see cref="ContentVerbs.Save"/> with the item id
/// when editing. Values shown back are cut to the limits, so a re-sent form always fits a message.
/// </summary>
public static class ContentFormCard
{
    public const string TitleId = "title";
    public const string UrlId = "url";
    public const string SummaryId = "summary";
    public const string KindId = "kind";
    public const string MinutesId = "minutes";
    public const string TagsId = "tags";
    public const string NeedId = "need";
    public const string PromptsId = "prompts";

    public static Attachment Build(ContentInput? values = null, string? itemId = null, IReadOnlyList<string>? errors = null)
    {
        try
        {
            return Render(values, itemId, errors);
        }
        catch (CardTooLargeException) when (values is not null)
        {
            // Text that escapes heavily can overflow a message even within the limits: ask again from scratch.
            return Render(null, itemId, [.. errors ?? [], "What you typed is too long to show again in one Teams message, so the form starts empty."]);
        }
    }

    private static Attachment Render(ContentInput? values, string? itemId, IReadOnlyList<string>? errors)
    {
        var card = new AdaptiveCard()
            .Add(CardElement.Text(itemId is null ? "Add to the library" : $"Edit {itemId}", TextStyle.Heading));
        if (errors is { Count: > 0 })
        {
            card.Add(CardElement.Text("Please fix this and save again:", TextStyle.Warning));
            foreach (var error in errors.Take(12))
            {
                card.Add(CardElement.Text("• " + error));
            }
        }

        card.Add(CardElement.TextInput(TitleId, "Title", Cut(values?.Title, ContentLimits.Title), maxLength: ContentLimits.Title, required: true, errorMessage: "Give it a title."))
            .Add(CardElement.TextInput(UrlId, "Link (URL)", Cut(values?.Url, ContentLimits.Url), placeholder: "https://…", maxLength: ContentLimits.Url, required: true, errorMessage: "Add the link people should open."))
            .Add(CardElement.TextInput(NeedId, "Why would anyone need this?", Cut(values?.PerformanceNeed, ContentLimits.PerformanceNeed), placeholder: "The moment at work when this helps, e.g. \u201CBefore your first retrospective as facilitator\u201D", multiline: true, maxLength: ContentLimits.PerformanceNeed))
            .Add(CardElement.TextInput(PromptsId, "Reflection prompt(s), one per line", Cut(Join(values?.Prompts, "\n"), (ContentLimits.Prompt + 1) * ContentLimits.Prompts), placeholder: "What in this matches or challenges your experience?", multiline: true, required: true, errorMessage: "Add at least one open question."))
            .Add(CardElement.Text("Open questions (How…? What…? Why…?) start conversations; yes/no questions end them.", TextStyle.Subtle))
            .Add(CardElement.TextInput(SummaryId, "Summary", Cut(values?.Summary, ContentLimits.Summary), placeholder: "A sentence or two on what's in it", multiline: true, maxLength: ContentLimits.Summary))
            .Add(CardElement.ChoiceInput(KindId, "Kind", Enum.GetValues<ContentKind>().Select(k => (k.ToString(), k.ToString().ToLowerInvariant())), KindValue(values?.Kind)))
            .Add(CardElement.NumberInput(MinutesId, "Minutes to read, watch or listen", MinutesValue(values?.Minutes), ContentLimits.MinMinutes, ContentLimits.MaxMinutes))
            .Add(CardElement.TextInput(TagsId, "Tags, comma-separated", Cut(Join(values?.Tags, ", "), (ContentLimits.Tag + 2) * ContentLimits.Tags), placeholder: "feedback, retrospectives"))
            .AddAction(CardAction.Submit(itemId is null ? "Add" : "Save", new { verb = ContentVerbs.Save, item = itemId }));
        return card.ToAttachment();
    }

    private static string? KindValue(string? kind) =>
        Enum.TryParse<ContentKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed.ToString().ToLowerInvariant()
            : ContentKind.Article.ToString().ToLowerInvariant();

    private static int? MinutesValue(string? minutes) =>
        int.TryParse(minutes, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Join(IReadOnlyList<string>? values, string separator) =>
        values is null || values.Count == 0 ? null : string.Join(separator, values);

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
