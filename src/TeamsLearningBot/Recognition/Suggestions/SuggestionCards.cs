using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>The facilitators' cards: deciding on one suggestion, the list of pending ones, and a decided one.</summary>
public static class SuggestionCards
{
    /// <summary>
    /// One suggestion with the library entry to complete and the Approve / Reject buttons.
    /// <paramref name="problems"/> say what to fix after a press that could not be approved yet.
    /// </summary>
    public static Attachment Decision(
        SuggestionEntity suggestion,
        string? teamName,
        ContentInput? values = null,
        string? note = null,
        IReadOnlyList<string>? problems = null,
        bool offerKeepPrompt = false)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var card = new AdaptiveCard()
            .Add(CardElement.Text(teamName is null ? $"Suggestion {suggestion.Id}" : $"Suggestion {suggestion.Id} for {teamName}", TextStyle.Heading));
        if (problems is { Count: > 0 })
        {
            card.Add(CardElement.Text("Not approved yet:", TextStyle.Warning));
            foreach (var problem in problems.Take(12))
            {
                card.Add(CardElement.Text("• " + problem));
            }
        }

        AddSummary(card, suggestion);
        card.Add(CardElement.Container(
            [
                CardElement.Text("To approve, complete the library entry:", TextStyle.Heading),
                .. SuggestionForm.Inputs(suggestion, values ?? SuggestionForm.Prefill(suggestion), note, offerKeepPrompt),
                CardElement.Text("Open questions (How…? What…? Why…?) start conversations; yes/no questions end them.", TextStyle.Subtle),
            ],
            separator: true));
        foreach (var action in Buttons(suggestion))
        {
            card.AddAction(action);
        }

        return card.ToAttachment();
    }

    /// <summary>The team's pending suggestions, oldest first, each with its form behind a button.</summary>
    public static Attachment Pending(IReadOnlyList<SuggestionEntity> pending, int total)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var card = new AdaptiveCard().Add(CardElement.Text(
            total == 1 ? "1 suggestion is waiting for a decision" : $"{total.ToString(CultureInfo.InvariantCulture)} suggestions are waiting for a decision",
            TextStyle.Heading));
        if (total > pending.Count)
        {
            card.Add(CardElement.Text($"Here are the {pending.Count} oldest; decide on these to see the next.", TextStyle.Subtle));
        }

        foreach (var suggestion in pending)
        {
            var form = new AdaptiveCard();
            foreach (var input in SuggestionForm.Inputs(suggestion, SuggestionForm.Prefill(suggestion), note: null, offerKeepPrompt: false))
            {
                form.Add(input);
            }

            form.Add(CardElement.Actions([.. Buttons(suggestion)]));
            card.Add(CardElement.Container(
                [
                    CardElement.Text($"**{suggestion.Id}** · {suggestion.Url}"),
                    CardElement.Text(suggestion.Why),
                    CardElement.Text($"Suggested by {suggestion.SuggesterDisplayName}, {Day(suggestion.SuggestedAt)}", TextStyle.Subtle),
                    CardElement.Actions(CardAction.ShowCard($"Decide on {suggestion.Id}", form)),
                ],
                separator: true));
        }

        return card.ToAttachment();
    }

    /// <summary>What a facilitator's card turns into once someone decided: the outcome, no buttons.</summary>
    public static Attachment Decided(SuggestionEntity suggestion, string? teamName)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var card = new AdaptiveCard()
            .Add(CardElement.Text(teamName is null ? $"Suggestion {suggestion.Id}" : $"Suggestion {suggestion.Id} for {teamName}", TextStyle.Heading))
            .Add(CardElement.Text(Outcome(suggestion), suggestion.State == SuggestionStatus.Approved ? TextStyle.Good : TextStyle.Body));
        AddSummary(card, suggestion);
        if (suggestion.Note is not null)
        {
            card.Add(CardElement.Facts([("Note", suggestion.Note)]));
        }

        card.AddAction(CardAction.OpenUrl("Open link", suggestion.Link));
        return card.ToAttachment();
    }

    /// <summary>"Approved by Fran as C12 “Title”." or "Rejected by Fran."</summary>
    public static string Outcome(SuggestionEntity suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return suggestion.State switch
        {
            SuggestionStatus.Approved when suggestion.ItemNumber is { } number =>
                $"Approved by {suggestion.DeciderDisplayName} as {ContentIds.Format(number)} \u201C{ContentValidator.Echo(suggestion.ItemTitle ?? string.Empty)}\u201D.",
            SuggestionStatus.Approved => $"Approved by {suggestion.DeciderDisplayName}.",
            SuggestionStatus.Rejected => $"Rejected by {suggestion.DeciderDisplayName}.",
            _ => "Waiting for a decision.",
        };
    }

    private static void AddSummary(AdaptiveCard card, SuggestionEntity suggestion)
    {
        card.Add(CardElement.Text($"{suggestion.SuggesterDisplayName} suggests {suggestion.Url}"));
        card.Add(CardElement.Facts(
        [
            ("Why it helps", suggestion.Why),
            ("Suggested", Day(suggestion.SuggestedAt) + (suggestion.ChannelId is null ? " in a personal chat" : " in a channel")),
        ]));
    }

    private static IEnumerable<CardAction> Buttons(SuggestionEntity suggestion)
    {
        yield return CardAction.Submit("Approve", Data(SuggestionVerbs.Approve, suggestion));
        yield return CardAction.Submit("Reject", Data(SuggestionVerbs.Reject, suggestion));
        yield return CardAction.OpenUrl("Open link", suggestion.Link);
    }

    private static Dictionary<string, string> Data(string verb, SuggestionEntity suggestion) => new()
    {
        ["verb"] = verb,
        [SuggestionVerbs.TeamKey] = suggestion.TeamId,
        [SuggestionVerbs.SuggestionKey] = suggestion.Id,
    };

    private static string Day(DateTimeOffset at) => at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// The <c>verb</c> of the decision buttons' submit data, which also names the team and the
/// suggestion: a card sent to a facilitator's 1:1 chat carries no team of its own.
/// </summary>
public static class SuggestionVerbs
{
    public const string Prefix = "suggestion.";
    public const string Approve = "suggestion.approve";
    public const string Reject = "suggestion.reject";
    public const string TeamKey = "team";
    public const string SuggestionKey = "suggestion";
}
