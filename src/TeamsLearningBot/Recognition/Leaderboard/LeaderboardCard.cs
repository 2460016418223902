using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>The top contributors of the last 30 days: positive only, never the rest of the team.</summary>
public static class LeaderboardCard
{
    public static Attachment Build(IReadOnlyList<Contributor> top, int days)
    {
        ArgumentNullException.ThrowIfNull(top);
        var card = new AdaptiveCard()
            .Add(CardElement.Text("Top contributors", TextStyle.Title))
            .Add(CardElement.Text($"The last {days.ToString(CultureInfo.InvariantCulture)} days", TextStyle.Subtle));
        if (top.Count == 0)
        {
            card.Add(CardElement.Text("Nothing counted yet in this period. Reflect on a drop, rate it, suggest content or give kudos — it all counts."));
        }
        else
        {
            card.Add(CardElement.Facts(top.Select((c, i) => (
                $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {c.Name}",
                c.Points == 1 ? "1 point" : $"{c.Points.ToString(CultureInfo.InvariantCulture)} points"))));
            card.Add(CardElement.Text("Thank you for sharing what you know!", TextStyle.Good));
        }

        card.Add(CardElement.Text(ContributionWeights.Explained + " Anonymous contributions are never counted here.", TextStyle.Subtle));
        return card.ToAttachment();
    }
}
