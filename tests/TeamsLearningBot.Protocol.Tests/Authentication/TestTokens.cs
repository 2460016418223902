using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsLearningBot.Protocol.Authentication;

namespace TeamsLearningBot.Protocol.Tests.Authentication;

/// <summary>Builds JWTs shaped like the ones Teams (through the Bot Framework) sends.</summary>
internal static class TestTokens
{
    public const string AppId = "6f1b2c3d-0000-4000-8000-000000000001";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    /// <summary>The tests' "now", far from the real clock so that ignoring the injected clock would show.</summary>
    public static readonly DateTimeOffset Now = new(2031, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static string Create(
        SigningCredentials? credentials,
        string issuer = BotOptions.BotFrameworkTokenIssuer,
        string audience = AppId,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        string? serviceUrl = ServiceUrl,
        IDictionary<string, object>? claims = null)
    {
        var payload = new Dictionary<string, object>(claims ?? new Dictionary<string, object>());
        if (serviceUrl is not null)
        {
            payload[BotAuthenticator.ServiceUrlClaim] = serviceUrl;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = (notBefore ?? Now.AddMinutes(-5)).UtcDateTime,
            IssuedAt = (notBefore ?? Now.AddMinutes(-5)).UtcDateTime,
            Expires = (expires ?? Now.AddMinutes(55)).UtcDateTime,
            Claims = payload,
            SigningCredentials = credentials,
        });
    }
}
