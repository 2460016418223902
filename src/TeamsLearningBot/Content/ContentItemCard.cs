using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Content;

/// <summary>
/// An item with every field (<c>content show</c>), and the confirmation after an add or edit.
/// Text that JSON escapes heavily (quotes, &lt;, non-Latin scripts) can push even a valid item past
/// Teams' message size; the card then shows long fields shortened rather than failing.
/// </summary>
public static class ContentItemCard
{
    public static Attachment Build(ContentItem item, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Fit(compact =>
        {
            var card = new AdaptiveCard();
            if (notice is not null)
            {
                card.Add(CardElement.Text(notice, TextStyle.Warning));
            }

            AddDetails(card, item, compact);
            AddButtons(card, item);
            return card.ToAttachment();
        });
    }

    /// <summary>
    /// What was saved, and for each closed prompt the warning with an open rewrite and the choice
    /// to use it or keep the original. The item is saved either way.
    /// </summary>
    public static Attachment Confirmation(ContentItem item, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Fit(compact =>
        {
            var card = new AdaptiveCard()
                .Add(CardElement.Text(isNew ? $"Added {item.Id} to the library." : $"Saved your changes to {item.Id}.", TextStyle.Good));
            AddDetails(card, item, compact);
            AddPromptChecks(card, item, compact);
            AddButtons(card, item);
            return card.ToAttachment();
        });
    }

    /// <summary>"Video · 18 min" — the line under the title in every listing.</summary>
    public static string Describe(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var kind = item.Kind.ToString();
        return item.Minutes is { } minutes ? $"{kind} · {minutes} min" : kind;
    }

    private static Attachment Fit(Func<bool, Attachment> render)
    {
        try
        {
            return render(false);
        }
        catch (CardTooLargeException)
        {
            return render(true);
        }
    }

    private static void AddDetails(AdaptiveCard card, ContentItem item, bool compact)
    {
        card.Add(CardElement.Text($"{item.Id} · {Cut(item.Title, compact, 120)}", TextStyle.Title));
        card.Add(CardElement.Text(Describe(item), TextStyle.Subtle));
        if (compact)
        {
            card.Add(CardElement.Text("Long text is shortened here to fit a Teams message; the item itself is stored in full.", TextStyle.Subtle));
        }

        if (item.Status == ContentStatus.Archived)
        {
            card.Add(CardElement.Text("Archived: it is kept on record but no longer listed or offered.", TextStyle.Warning));
        }

        if (item.Summary is not null)
        {
            card.Add(CardElement.Text(Cut(item.Summary, compact, 300)));
        }

        if (item.PerformanceNeed is not null)
        {
            card.Add(CardElement.Text("Why this matters", TextStyle.Heading));
            card.Add(CardElement.Text(Cut(item.PerformanceNeed, compact, 200)));
        }

        card.Add(CardElement.Text(item.Prompts.Count == 1 ? "Reflection prompt" : "Reflection prompts", TextStyle.Heading));
        for (var i = 0; i < item.Prompts.Count; i++)
        {
            var prompt = Cut(item.Prompts[i], compact, 150);
            card.Add(CardElement.Text(item.Prompts.Count == 1 ? prompt : $"{i + 1}. {prompt}"));
        }

        var facts = new List<(string, string)>();
        if (!compact)
        {
            facts.Add(("Link", item.Url.AbsoluteUri));
        }

        if (item.Tags.Count > 0)
        {
            facts.Add(("Tags", string.Join(", ", item.Tags)));
        }

        facts.Add(("Added", $"{item.AddedAt.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} by {Cut(item.AddedByName ?? "someone", compact, 60)}"));
        if (item.SuggestedByName is { } suggestedBy)
        {
            facts.Add(("Suggested by", Cut(suggestedBy, compact, 60)));
        }

        facts.Add(("Status", item.Status.ToString()));
        card.Add(CardElement.Facts(facts));
    }

    private static void AddPromptChecks(AdaptiveCard card, ContentItem item, bool compact)
    {
        for (var i = 0; i < item.Prompts.Count; i++)
        {
            var check = PromptCheck.Check(item.Prompts[i]);
            if (!check.IsClosed)
            {
                continue;
            }

            var which = item.Prompts.Count == 1 ? "The prompt" : $"Prompt {i + 1}";
            var quoted = compact ? string.Empty : $": \u201C{item.Prompts[i]}\u201D";
            card.Add(CardElement.Container(
                [
                    CardElement.Text($"{which} reads as a yes/no question, and those tend to end the conversation{quoted}", TextStyle.Warning),
                    CardElement.Text($"An open version: \u201C{Cut(check.Suggestion!, compact, 200)}\u201D"),
                    CardElement.Actions(
                        CardAction.Submit("Use suggestion", new { verb = ContentVerbs.UseSuggestion, item = item.Id, prompt = i }),
                        CardAction.Submit("Keep mine", new { verb = ContentVerbs.KeepPrompt, item = item.Id, prompt = i })),
                    CardElement.Text($"{item.Id} is saved either way.", TextStyle.Subtle),
                ],
                style: "warning",
                separator: true));
        }
    }

    private static void AddButtons(AdaptiveCard card, ContentItem item)
    {
        card.AddAction(CardAction.OpenUrl("Open", item.Url));
        card.AddAction(CardAction.Submit("Edit", new { verb = ContentVerbs.Edit, item = item.Id }));
    }

    private static string Cut(string text, bool compact, int max) =>
        compact && text.Length > max ? text[..max] + "\u2026" : text;
}
