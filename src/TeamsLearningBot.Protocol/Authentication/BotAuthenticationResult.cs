using System.Security.Claims;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>The outcome of authenticating one inbound request.</summary>
public sealed record BotAuthenticationResult(ClaimsIdentity? Identity, string? FailureReason)
{
    public bool Succeeded => Identity is not null;

    public static BotAuthenticationResult Success(ClaimsIdentity identity) => new(identity, null);

    public static BotAuthenticationResult Failure(string reason) => new(null, reason);
}
