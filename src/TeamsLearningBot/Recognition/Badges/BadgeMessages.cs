using System.Globalization;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>What the bot says when a badge tier is earned: in public where it happened, and privately to the person.</summary>
public static class BadgeMessages
{
    /// <summary>The short congratulation in the thread or chat, @mentioning the person.</summary>
    public static Activity Congratulation(BadgeDefinition badge, BadgeAwardEntity award)
    {
        ArgumentNullException.ThrowIfNull(badge);
        ArgumentNullException.ThrowIfNull(award);
        var name = award.UserName ?? "Someone";
        var (markup, entity) = award.UserId is { } userId ? Mentions.Create(new ChannelAccount { Id = userId, Name = name }) : (ReflectionText.EscapeMarkdown(name), null);
        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = $"{badge.Emoji} Congratulations {markup} — you earned **{badge.Name}**{TierSuffix(badge, award)} ({Achievement(badge, award)}).",
            TextFormat = "markdown",
            Entities = entity is null ? null : [entity],
        };
    }

    /// <summary>The private message in the 1:1 chat.</summary>
    public static Activity Private(BadgeDefinition badge, BadgeAwardEntity award, IReadOnlyList<int> thresholds)
    {
        ArgumentNullException.ThrowIfNull(badge);
        ArgumentNullException.ThrowIfNull(award);
        ArgumentNullException.ThrowIfNull(thresholds);
        var where = string.IsNullOrWhiteSpace(award.TeamName) ? string.Empty : $" in {ReflectionText.EscapeMarkdown(award.TeamName)}";
        var next = award.TierIndex + 1 < badge.Tiers.Count && award.TierIndex + 1 < thresholds.Count
            ? $" Next: {badge.TierLabel(award.TierIndex + 1)} at {thresholds[award.TierIndex + 1].ToString(CultureInfo.InvariantCulture)}."
            : string.Empty;
        var quiet = award.Anonymous ? "\n\nIt came from something you shared anonymously, so I told nobody else." : string.Empty;
        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = $"{badge.Emoji} You earned **{badge.Name}**{TierSuffix(badge, award)}{where} ({Achievement(badge, award)}).{next}{quiet}\n\n" +
                "`my badges` shows all your badges and what's next; `stop notifications` stops these messages.",
            TextFormat = "markdown",
        };
    }

    private static string TierSuffix(BadgeDefinition badge, BadgeAwardEntity award) =>
        award.Tier is null ? string.Empty : $" {badge.TierLabel(Math.Min(award.TierIndex, badge.Tiers.Count - 1))}";

    // "kudos received: 10" reads right for any count, where "1 kudos received" would not.
    private static string Achievement(BadgeDefinition badge, BadgeAwardEntity award) =>
        $"{badge.Unit}: {award.Count.ToString(CultureInfo.InvariantCulture)}";
}
