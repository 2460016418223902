using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// The content card with its conversation part: the reflection form (text, relevance 1–5 and,
/// when the drop allows it, "share anonymously"), a Share action, the live totals in the footer
/// and a way to read what others wrote.
/// </summary>
public static class ReflectionCard
{
    private static readonly (string Title, string Value)[] RatingChoices =
    [
        ("5 — very relevant", "5"),
        ("4", "4"),
        ("3", "3"),
        ("2", "2"),
        ("1 — not relevant", "1"),
    ];

    public static AdaptiveCard Build(ContentCardModel model, ReflectionTotals totals, CardNote? note = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(totals);
        var card = ContentCard.Build(model);
        var data = new CardActionData(model.Reference.DropId, model.Item.Number, Occurrence: model.Reference.OccurrenceId);
        var form = new List<CardElement>();
        if (note is not null)
        {
            form.Add(CardElement.Text(note.Message, note.IsProblem ? TextStyle.Warning : TextStyle.Good));
            if (note.Rating is { } rating)
            {
                form.Add(CardElement.Text($"Your relevance rating: {rating.ToString(CultureInfo.InvariantCulture)}/5 (choose again to change it)", TextStyle.Subtle));
            }
        }

        form.Add(CardElement.TextInput(
            ReflectionVerbs.TextInput,
            "Your reflection",
            value: note?.KeptText,
            placeholder: "What will you try? What did it remind you of?",
            multiline: true,
            maxLength: ReflectionText.MaxLength));
        form.Add(CardElement.ChoiceInput(
            ReflectionVerbs.RatingInput,
            "How relevant was this to your work?",
            RatingChoices,
            value: note?.Rating?.ToString(CultureInfo.InvariantCulture)));
        if (model.Anonymous)
        {
            form.Add(CardElement.Toggle(ReflectionVerbs.AnonymousInput, "Share anonymously (no name shown to anyone, facilitators included)", note?.Anonymous ?? true));
        }

        form.Add(CardElement.Actions(CardAction.Execute("Share", ReflectionVerbs.Reflect, data)));
        card.Add(CardElement.Container(form, separator: true));
        card.Add(CardElement.Text(totals.Describe(), TextStyle.Subtle));
        card.AddAction(CardAction.Execute("Show reflections", ReflectionVerbs.Show, data with { Page = 1, OnCard = true }));
        return card;
    }

    /// <summary>The model of a card as it was posted, from its stored snapshot.</summary>
    public static ContentCardModel ModelOf(ReflectionPostEntity post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new ContentCardModel
        {
            Item = ReflectionPostOpener.ItemOf(post),
            Prompt = post.Prompt,
            Reference = new ContentCardReference(post.TeamId, post.DropNumber, post.OccurrenceId, post.ChannelId),
            Anonymous = post.AnonymousAllowed,
        };
    }
}

/// <summary>
/// What a refreshed card tells the one person who acted on it: a thank-you or what was wrong,
/// their rating, and the text to keep in the input when it was not accepted.
/// </summary>
public sealed record CardNote(string Message, bool IsProblem = false)
{
    public int? Rating { get; init; }

    public string? KeptText { get; init; }

    public bool? Anonymous { get; init; }
}
