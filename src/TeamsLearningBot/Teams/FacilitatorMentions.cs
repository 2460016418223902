using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Teams;

/// <summary>The people a facilitators command names by @mention.</summary>
internal static class FacilitatorMentions
{
    /// <summary>
    /// Mentioned users other than the bot. @team, @channel and tag mentions (<c>19:…</c>) and
    /// other bots (<c>28:…</c>) cannot be facilitators and are left out.
    /// </summary>
    public static IReadOnlyList<ChannelAccount> People(Activity activity) =>
        [.. activity.MentionedUsers().Where(m => !string.IsNullOrEmpty(m.Id)
            && !m.Id.StartsWith("19:", StringComparison.Ordinal)
            && !m.Id.StartsWith("28:", StringComparison.Ordinal))];

    public static bool IsSender(Activity activity, ChannelAccount person) =>
        string.Equals(activity.From?.Id, person.Id, StringComparison.OrdinalIgnoreCase);
}
