namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>Tokens the bot presents to the Bot Connector (PROTOCOL §1.4).</summary>
public interface IBotTokenProvider
{
    /// <summary>
    /// A bearer token for <see cref="BotOptions.ToChannelFromBotOAuthScope"/>, from the cache unless
    /// <paramref name="forceRefresh"/>; null when no app id is configured (outbound calls then go
    /// without a token, which only a local emulator accepts).
    /// </summary>
    Task<string?> GetTokenAsync(bool forceRefresh = false, CancellationToken cancellationToken = default);
}
