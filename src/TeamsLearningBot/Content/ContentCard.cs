using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Content;

/// <summary>
/// The message a drop posts: one item with its context first ("why this matters"), a way to open
/// it, and an open question to reflect on. Built in sections so that more (reflection inputs,
/// a relevance rating, a share action) can be added without touching the rest.
/// </summary>
public static class ContentCard
{
    /// <summary>The card, not yet an attachment, so a caller can add to it before sending.</summary>
    public static AdaptiveCard Build(ContentCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var card = new AdaptiveCard();
        AddHeader(card, model.Item);
        AddWhyItMatters(card, model.Item);
        AddPrompt(card, model.Prompt);
        card.AddAction(CardAction.OpenUrl("Open", model.Item.Url));
        return card;
    }

    /// <summary><c>Video · 6 min</c>.</summary>
    public static string Describe(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var kind = item.Kind.ToString();
        return item.Minutes is { } minutes ? $"{kind} · {minutes.ToString(CultureInfo.InvariantCulture)} min" : kind;
    }

    private static void AddHeader(AdaptiveCard card, ContentItem item)
    {
        card.Add(CardElement.Text(item.Title, TextStyle.Title));
        card.Add(CardElement.Text(
            item.SuggestedByName is { } suggestedBy ? $"{Describe(item)} · suggested by {suggestedBy}" : Describe(item),
            TextStyle.Subtle));
        if (!string.IsNullOrWhiteSpace(item.Summary))
        {
            card.Add(CardElement.Text(item.Summary));
        }
    }

    private static void AddWhyItMatters(AdaptiveCard card, ContentItem item)
    {
        if (string.IsNullOrWhiteSpace(item.PerformanceNeed))
        {
            return;
        }

        card.Add(CardElement.Container(
            [CardElement.Text("Why this matters", TextStyle.Heading), CardElement.Text(item.PerformanceNeed)],
            separator: true));
    }

    private static void AddPrompt(AdaptiveCard card, string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return;
        }

        card.Add(CardElement.Container(
            [
                CardElement.Text("Reflect", TextStyle.Heading),
                CardElement.Text(prompt),
                CardElement.Text("Reply in this thread to share your thoughts.", TextStyle.Subtle),
            ],
            style: "emphasis",
            separator: true));
    }
}

/// <summary>What a content card shows, and where it was posted.</summary>
public sealed record ContentCardModel
{
    public required ContentItem Item { get; init; }

    /// <summary>The reflection prompt chosen for this occurrence (items may have several).</summary>
    public string? Prompt { get; init; }

    public required ContentCardReference Reference { get; init; }

    /// <summary>Reflections on this drop are shown without names.</summary>
    public bool Anonymous { get; init; }
}

/// <summary>
/// Which drop, occurrence and channel a content card belongs to. It travels in the card's submit
/// data, so an answer from the card finds its drop without any lookup.
/// </summary>
public sealed record ContentCardReference(string TeamId, int DropNumber, string OccurrenceId, string ChannelId)
{
    public string DropId => "D" + DropNumber.ToString(CultureInfo.InvariantCulture);
}
