using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Content;

/// <summary>
/// One page of the library, newest first: id, title, kind, minutes and tags per line. Titles and
/// tags are cut in the list so that a page of the longest items still fits one message.
/// </summary>
public static class ContentListCard
{
    public const int PageSize = 15;
    private const int ListedTitleLength = 90;
    private const int ListedTags = 4;

    public static Attachment Build(IReadOnlyList<ContentItem> items, string? tag, int page, IReadOnlyList<string> tagsInUse)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(tagsInUse);
        var card = new AdaptiveCard();
        var about = tag is null ? "The library" : $"Tagged \u201C{tag}\u201D";
        if (items.Count == 0)
        {
            card.Add(CardElement.Text(tag is null ? "The library is empty." : $"Nothing is tagged \u201C{tag}\u201D yet.", TextStyle.Heading));
            card.Add(CardElement.Text(tagsInUse.Count > 0
                ? "Tags in use: " + string.Join(", ", tagsInUse.Take(40))
                : "Facilitators can add items with \u201Ccontent add\u201D, or load a starter pack with \u201Ccontent starter\u201D."));
            return card.ToAttachment();
        }

        var pages = (items.Count + PageSize - 1) / PageSize;
        page = Math.Clamp(page, 1, pages);
        var shown = items.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var first = ((page - 1) * PageSize) + 1;
        card.Add(CardElement.Text($"{about}: {items.Count} item{(items.Count == 1 ? string.Empty : "s")}", TextStyle.Heading));
        foreach (var item in shown)
        {
            var title = item.Title.Length > ListedTitleLength ? item.Title[..ListedTitleLength] + "\u2026" : item.Title;
            var tags = item.Tags.Count == 0 ? string.Empty : " · " + string.Join(", ", item.Tags.Take(ListedTags)) + (item.Tags.Count > ListedTags ? ", …" : string.Empty);
            card.Add(CardElement.Text($"**{item.Id}** {title}"));
            card.Add(CardElement.Text(ContentItemCard.Describe(item) + tags, TextStyle.Subtle));
        }

        var more = items.Count - (first + shown.Count - 1);
        card.Add(CardElement.Text(
            more > 0
                ? $"Showing {first}–{first + shown.Count - 1}; {more} more. See one with \u201Ccontent show C12\u201D."
                : $"Showing {first}–{first + shown.Count - 1}. See one with \u201Ccontent show C12\u201D.",
            TextStyle.Subtle));
        if (more > 0)
        {
            card.AddAction(CardAction.Submit("Next page", new { verb = ContentVerbs.List, tag, page = page + 1 }));
        }

        return card.ToAttachment();
    }
}
