using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>The <c>badges</c> card: the catalogue grouped by the 4 Rs, with this team's state and thresholds.</summary>
public static class BadgesCard
{
    public static Attachment Build(BadgeCatalogue catalogue, BadgeSettings settings, bool inTeam)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(settings);
        var card = new AdaptiveCard()
            .Add(CardElement.Text(inTeam ? "Badges in this team" : "Badges", TextStyle.Title))
            .Add(CardElement.Text("Earned by doing what the 4 Rs stand for. Each badge has tiers; the counts below earn them.", TextStyle.Subtle));
        foreach (var group in catalogue.All.GroupBy(b => b.R).OrderBy(g => g.Key))
        {
            card.Add(CardElement.Text($"{group.Key} — {Meaning(group.Key)}", TextStyle.Heading));
            foreach (var badge in group)
            {
                var state = settings.IsEnabled(badge) ? string.Empty : " · **off in this team**";
                card.Add(CardElement.Container(
                [
                    CardElement.Text($"{badge.Emoji} **{badge.Name}** · `{badge.Id}`{state}"),
                    CardElement.Text(badge.Description),
                    CardElement.Text(Thresholds(badge, settings.ThresholdsOf(badge)) + $" ({badge.Unit}){(settings.HasOwnThresholds(badge) ? " — this team's own" : string.Empty)}", TextStyle.Subtle),
                ]));
            }
        }

        if (inTeam)
        {
            card.Add(CardElement.Text($"Facilitators: `{BadgeOffCommand.Usage}`, `{BadgeOnCommand.Usage}`, `{BadgeThresholdsCommand.Usage}`. Everyone: `my badges`.", TextStyle.Subtle));
        }

        return card.ToAttachment();
    }

    /// <summary><c>bronze 3 · silver 10 · gold 25</c>.</summary>
    public static string Thresholds(BadgeDefinition badge, IReadOnlyList<int> thresholds)
    {
        ArgumentNullException.ThrowIfNull(badge);
        ArgumentNullException.ThrowIfNull(thresholds);
        return string.Join(" · ", thresholds.Select((t, i) => $"{badge.TierLabel(i)} {t.ToString(CultureInfo.InvariantCulture)}"));
    }

    public static string Meaning(FourR r) => r switch
    {
        FourR.Relevance => "learning at the point of need",
        FourR.Rich => "a rich flow of content",
        FourR.Rewards => "recognising each other",
        FourR.Real => "real, open conversation",
        _ => string.Empty,
    };
}
