using System.Globalization;
using TeamsLearningBot.Cards;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// A page of reflections on an item: who (or "A colleague"), where and when, and what they wrote,
/// shortened so a page stays within Teams' message size. "More" fetches the next page.
/// </summary>
public static class ReflectionListCard
{
    private const int ShownLength = 600;

    public static AdaptiveCard Build(ReflectionPage page, string dropId, bool offerBack)
    {
        ArgumentNullException.ThrowIfNull(page);
        var itemId = "C" + page.ItemNumber.ToString(CultureInfo.InvariantCulture);
        var card = new AdaptiveCard()
            .Add(CardElement.Text($"Reflections on {itemId}", TextStyle.Heading));
        if (page.ItemTitle is not null)
        {
            card.Add(CardElement.Text(ReflectionText.ForCard(page.ItemTitle), TextStyle.Subtle));
        }

        if (page.Total == 0)
        {
            card.Add(CardElement.Text("No reflections yet. Share yours on the card or reply in its thread."));
        }

        foreach (var reflection in page.Reflections)
        {
            var where = page.ChannelNames.GetValueOrDefault(reflection.PartitionKey) ?? "a channel";
            card.Add(CardElement.Container(
                [
                    CardElement.Text($"{ReflectionText.ForCard(reflection.Signature)} · {ReflectionText.ForCard(where)} · {reflection.CreatedAt.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", TextStyle.Subtle),
                    CardElement.Text(ReflectionText.ForCard(ReflectionText.Shorten(reflection.Text, ShownLength))),
                ],
                separator: true));
        }

        if (page.Total > 0)
        {
            card.Add(CardElement.Text(
                $"Page {page.Page.ToString(CultureInfo.InvariantCulture)} of {page.Pages.ToString(CultureInfo.InvariantCulture)} · {page.Total.ToString(CultureInfo.InvariantCulture)} in all, newest first",
                TextStyle.Subtle));
        }

        if (page.HasMore)
        {
            card.AddAction(CardAction.Execute("More", ReflectionVerbs.Show, new CardActionData(dropId, page.ItemNumber, page.Page + 1, offerBack ? true : null)));
        }

        if (offerBack)
        {
            card.AddAction(CardAction.Execute("Back to the card", ReflectionVerbs.Back, new CardActionData(dropId, page.ItemNumber)));
        }

        return card;
    }
}
