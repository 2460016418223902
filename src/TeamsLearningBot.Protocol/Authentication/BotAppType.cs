namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>How the bot's Microsoft App ID is registered (the <c>MicrosoftAppType</c> setting).</summary>
public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMsi,
}
