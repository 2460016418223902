using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Recognition.Badges;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>The weekly recognition post: "This week: …", positive news only, and never a list of who did little.</summary>
public static class WeeklyRecognitionCard
{
    // A long week of badges is summed up rather than overflowing the message.
    private const int MaxBadgesNamed = 25;

    public static Attachment Build(WeeklyDigest digest, string? teamName, BadgeCatalogue badges)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(badges);
        var card = new AdaptiveCard()
            .Add(CardElement.Text(teamName is null ? "This week" : $"This week in {teamName}", TextStyle.Title))
            .Add(CardElement.Text($"{Day(digest.First)} – {Day(digest.Last)}", TextStyle.Subtle));

        if (digest.Badges.Count > 0)
        {
            card.Add(CardElement.Text("\U0001F3C5 Badges earned", TextStyle.Heading));
            foreach (var badge in digest.Badges.Take(MaxBadgesNamed))
            {
                var tier = badge.Tier is { Length: > 0 } t ? $" ({t})" : string.Empty;
                var name = badges.Find(badge.BadgeId) is { } known ? $"{known.Emoji} {known.Name}" : badge.BadgeId;
                card.Add(CardElement.Text($"**{badge.Name}** earned {name}{tier}"));
            }

            if (digest.Badges.Count > MaxBadgesNamed)
            {
                card.Add(CardElement.Text($"…and {(digest.Badges.Count - MaxBadgesNamed).ToString(CultureInfo.InvariantCulture)} more.", TextStyle.Subtle));
            }
        }

        if (digest.Kudos > 0)
        {
            card.Add(CardElement.Text("\U0001F64C Kudos", TextStyle.Heading));
            card.Add(CardElement.Text(digest.Kudos == 1
                ? "1 kudos given — thank you for noticing each other's work."
                : $"{digest.Kudos.ToString(CultureInfo.InvariantCulture)} kudos given — thank you for noticing each other's work."));
        }

        if (digest.TopContributors.Count > 0)
        {
            card.Add(CardElement.Text("\U0001F31F Top contributors", TextStyle.Heading));
            card.Add(CardElement.Text(Names(digest.TopContributors.Select(c => $"**{c.Name}**").ToList()) + " — thank you for sharing what you know."));
        }

        if (digest.MostRelevant is { } relevant)
        {
            card.Add(CardElement.Text("\U0001F4CC Most relevant", TextStyle.Heading));
            card.Add(CardElement.Text(string.Create(
                CultureInfo.InvariantCulture,
                $"{relevant.ItemId} \u201C{relevant.Title}\u201D — relevance {relevant.Average:0.0}/5 from {relevant.Ratings} ratings.")));
        }

        card.Add(CardElement.Text("Recognise a colleague any time: kudos @name for <reason>.", TextStyle.Subtle));
        return card.ToAttachment();
    }

    private static string Names(List<string> names) => names.Count switch
    {
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    private static string Day(DateOnly day) => day.ToString("ddd d MMM", CultureInfo.InvariantCulture);
}
