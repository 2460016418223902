using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Chats;

/// <summary>Whom a 1:1 message goes to, and how to reach them: the tenant, a service URL and the bot's account.</summary>
public sealed record PersonalRecipient(string UserId, string TenantId, string ServiceUrl, ChannelAccount? Bot);
