using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// The <c>my badges</c> card: per team, the badges earned grouped by the 4 Rs (tier and when) and
/// the progress toward the next tier of every badge that is on ("7/10 items rated toward silver").
/// </summary>
public static class MyBadgesCard
{
    public static Attachment Build(BadgeCatalogue catalogue, IReadOnlyList<TeamBadges> teams)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(teams);
        var earned = teams.Sum(t => t.Awards.Count);
        var card = new AdaptiveCard()
            .Add(CardElement.Text("Your badges", TextStyle.Title))
            .Add(CardElement.Text(
                earned == 0 ? "None earned yet — here is how close you are." : $"{earned} earned{(teams.Count > 1 ? $" across {teams.Count} teams" : string.Empty)}. Keep going:",
                TextStyle.Subtle));
        if (teams.Count == 0)
        {
            card.Add(CardElement.Text("Reflect on a drop, rate how relevant it was, or give a colleague kudos — every one counts. `badges` shows what earns each badge."));
            return card.ToAttachment();
        }

        foreach (var team in teams)
        {
            if (teams.Count > 1 || team.TeamName is not null)
            {
                card.Add(CardElement.Text(ReflectionText.ForCard(team.TeamName ?? "A group chat"), TextStyle.Heading));
            }

            foreach (var group in catalogue.All.GroupBy(b => b.R).OrderBy(g => g.Key))
            {
                var facts = group.Select(b => Line(b, team)).OfType<(string, string)>().ToList();
                if (facts.Count == 0)
                {
                    continue;
                }

                card.Add(CardElement.Container([CardElement.Text($"**{group.Key}** — {BadgesCard.Meaning(group.Key)}"), CardElement.Facts(facts)]));
            }
        }

        card.Add(CardElement.Text("`stop notifications` stops my private messages about new badges.", TextStyle.Subtle));
        return card.ToAttachment();
    }

    /// <summary>One badge's line, or null for a badge that is off and was never earned.</summary>
    public static (string Title, string Value)? Line(BadgeDefinition badge, TeamBadges team)
    {
        ArgumentNullException.ThrowIfNull(badge);
        ArgumentNullException.ThrowIfNull(team);
        var awards = team.Awards.Where(a => a.BadgeId == badge.Id).OrderBy(a => a.TierIndex).ToList();
        var enabled = team.Settings.IsEnabled(badge);
        if (!enabled && awards.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (awards.Count > 0)
        {
            parts.Add(string.Join(", ", awards.Select(a => $"{badge.TierLabel(Math.Min(a.TierIndex, badge.Tiers.Count - 1))} ({a.AwardedAt.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})")));
        }

        if (!enabled)
        {
            parts.Add("off in this team");
        }
        else
        {
            var thresholds = team.Settings.ThresholdsOf(badge);
            var next = Math.Max(awards.Count == 0 ? 0 : awards[^1].TierIndex + 1, team.Progress?.TiersAwarded(badge) ?? 0);
            var count = team.Progress?.Count(badge) ?? 0;
            parts.Add(next < thresholds.Count
                ? $"{count.ToString(CultureInfo.InvariantCulture)}/{thresholds[next].ToString(CultureInfo.InvariantCulture)} {badge.Unit} toward {badge.TierLabel(next)}"
                : "every tier earned");
        }

        return ($"{badge.Emoji} {badge.Name}", string.Join(" · ", parts));
    }
}

/// <summary>One learner's badges in one team, as <c>my badges</c> shows them.</summary>
public sealed record TeamBadges(string? TeamName, BadgeSettings Settings, LearnerProgress? Progress, IReadOnlyList<BadgeAwardEntity> Awards);
