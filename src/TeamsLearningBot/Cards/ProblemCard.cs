using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Cards;

/// <summary>The answer to a user's mistake: what was wrong, the details, and the form that works.</summary>
public static class ProblemCard
{
    public static Attachment Build(string problem, IEnumerable<string>? details = null, string? usage = null)
    {
        var card = new AdaptiveCard().Add(CardElement.Text(problem, TextStyle.Warning));
        foreach (var detail in details ?? [])
        {
            card.Add(CardElement.Text("• " + detail));
        }

        if (usage is not null)
        {
            card.Add(CardElement.Text("Try: " + usage, TextStyle.Subtle));
        }

        return card.ToAttachment();
    }
}
