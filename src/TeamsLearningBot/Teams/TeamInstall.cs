using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Teams;

/// <summary>What an install activity tells about a team.</summary>
public sealed record TeamInstall(
    string TeamId,
    string? Name,
    string? AadGroupId,
    string TenantId,
    string ServiceUrl,
    ChannelAccount? Bot,
    ChannelAccount? InstalledBy);
