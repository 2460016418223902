using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>What evaluating and announcing a team's badges needs to know about the team.</summary>
public sealed record BadgeTeamContext(BadgeSettings Settings, TimeZoneInfo Zone, string? TeamName, ChannelAccount? Bot, string? ServiceUrl);
