namespace TeamsLearningBot.Insights;

/// <summary>
/// Whose insights: a team's standard channels, or one private or shared channel's own (its content
/// appears nowhere else, and nothing from elsewhere appears in it).
/// </summary>
public sealed record InsightsScope(string TeamId, string? PrivateChannelId = null)
{
    public bool Includes(string channel, bool isPrivate) =>
        PrivateChannelId is { } only ? string.Equals(channel, only, StringComparison.Ordinal) : !isPrivate;
}
