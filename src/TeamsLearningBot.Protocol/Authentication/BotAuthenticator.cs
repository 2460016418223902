using System.Security.Claims;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>
/// Authenticates inbound requests (PROTOCOL §1). With no app id configured, requests without a
/// token are accepted as anonymous (the host only allows that in Development).
/// </summary>
public sealed class BotAuthenticator(IOptions<BotOptions> options)
{
    public Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!options.Value.IsAuthenticationConfigured && string.IsNullOrEmpty(authorizationHeader))
        {
            return Task.FromResult(BotAuthenticationResult.Success(new ClaimsIdentity([], "anonymous")));
        }

        return Task.FromResult(BotAuthenticationResult.Failure("Token validation is not configured."));
    }
}
