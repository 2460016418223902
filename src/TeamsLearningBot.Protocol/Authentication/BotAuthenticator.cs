using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>
/// Authenticates inbound requests (PROTOCOL §1): Bot Framework channel tokens, with endorsement
/// and <c>serviceurl</c> checks, and Entra ID tokens for the configured tenant. With no app id
/// configured, requests without a token are accepted as anonymous (the host only allows that in
/// Development or with <see cref="BotOptions.AllowUnauthenticatedRequests"/>). When the signing
/// keys cannot be fetched at all it throws, so the request fails with 500 and the channel retries.
/// </summary>
public sealed partial class BotAuthenticator(
    IOptions<BotOptions> options,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    ILogger<BotAuthenticator> logger)
{
    public const string ServiceUrlClaim = "serviceurl";

    private const string BearerPrefix = "Bearer ";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler tokenHandler = new();
    private readonly ConcurrentDictionary<string, OpenIdMetadataSource> metadata = new(StringComparer.Ordinal);
    private ParameterCache? channelParameters;
    private ParameterCache? entraParameters;

    public async Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var settings = options.Value;
        if (string.IsNullOrEmpty(authorizationHeader))
        {
            return settings.IsAuthenticationConfigured
                ? BotAuthenticationResult.Failure("No Authorization header.")
                : BotAuthenticationResult.Success(new ClaimsIdentity([], "anonymous"));
        }

        if (!settings.IsAuthenticationConfigured)
        {
            // Without an app id there is no audience to check a token against.
            return BotAuthenticationResult.Failure("A token was sent but no MicrosoftAppId is configured.");
        }

        if (!authorizationHeader.StartsWith(BearerPrefix, StringComparison.Ordinal))
        {
            return BotAuthenticationResult.Failure("The Authorization scheme is not Bearer.");
        }

        var token = authorizationHeader[BearerPrefix.Length..];
        if (token.Length == 0 || token.Contains(' ', StringComparison.Ordinal) || !tokenHandler.CanReadToken(token))
        {
            return BotAuthenticationResult.Failure("The bearer token is not a well-formed JWT.");
        }

        // Read once: the issuer picks the validation, which then works on this same parsed token.
        JsonWebToken jwt;
        try
        {
            jwt = tokenHandler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return BotAuthenticationResult.Failure("The bearer token is not a well-formed JWT.");
        }

        var issuer = jwt.Issuer;
        if (string.Equals(issuer, settings.ToBotFromChannelTokenIssuer, StringComparison.Ordinal))
        {
            return await ValidateChannelTokenAsync(jwt, activity, settings, cancellationToken);
        }

        if (EntraIssuers(settings).Contains(issuer, StringComparer.Ordinal))
        {
            return await ValidateEntraTokenAsync(jwt, settings, cancellationToken);
        }

        // Checked before any key lookup, so an untrusted issuer costs no metadata fetch.
        return BotAuthenticationResult.Failure("The token issuer is not trusted.");
    }

    private async Task<BotAuthenticationResult> ValidateChannelTokenAsync(JsonWebToken token, Activity activity, BotOptions settings, CancellationToken cancellationToken)
    {
        channelParameters ??= new ParameterCache([settings.ToBotFromChannelTokenIssuer], [settings.MicrosoftAppId!]);
        var (result, configuration) = await ValidateAsync(token, settings.ToBotFromChannelOpenIdMetadataUrl, channelParameters, cancellationToken);
        if (!result.IsValid)
        {
            return Failed(result);
        }

        var kid = SigningKeyId(result);
        if (kid is null || !configuration.Endorsements.TryGetValue(kid, out var endorsements))
        {
            return BotAuthenticationResult.Failure("Could not validate endorsement key.");
        }

        if (!string.IsNullOrEmpty(activity.ChannelId) && !endorsements.Contains(activity.ChannelId))
        {
            return BotAuthenticationResult.Failure($"Could not validate endorsement for key: {kid}.");
        }

        var serviceUrl = result.ClaimsIdentity.FindFirst(ServiceUrlClaim)?.Value;
        if (string.IsNullOrEmpty(serviceUrl))
        {
            return BotAuthenticationResult.Failure("Missing serviceurl claim.");
        }

        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Failure("serviceurl claim mismatch.");
        }

        return BotAuthenticationResult.Success(result.ClaimsIdentity);
    }

    private async Task<BotAuthenticationResult> ValidateEntraTokenAsync(JsonWebToken token, BotOptions settings, CancellationToken cancellationToken)
    {
        var appId = settings.MicrosoftAppId!;
        var address = $"{settings.EntraMetadataBaseUrl.TrimEnd('/')}/{settings.MicrosoftAppTenantId}/v2.0/.well-known/openid-configuration";
        entraParameters ??= new ParameterCache(EntraIssuers(settings), [appId, $"api://{appId}", $"api://botid-{appId}"]);
        var (result, _) = await ValidateAsync(token, address, entraParameters, cancellationToken);

        // Entra tokens carry neither endorsements nor a serviceurl claim.
        return result.IsValid ? BotAuthenticationResult.Success(result.ClaimsIdentity) : Failed(result);
    }

    private async Task<(TokenValidationResult Result, EndorsedOpenIdConfiguration Configuration)> ValidateAsync(
        JsonWebToken token,
        string metadataAddress,
        ParameterCache parameters,
        CancellationToken cancellationToken)
    {
        var source = metadata.GetOrAdd(metadataAddress, address => new OpenIdMetadataSource(address, httpClientFactory, timeProvider));
        var configuration = await source.GetAsync(cancellationToken);
        var result = await tokenHandler.ValidateTokenAsync(token, parameters.For(configuration, Parameters));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            LogSigningKeyNotFound(logger, metadataAddress);
            if (await source.RefreshAsync(cancellationToken) is { } refreshed)
            {
                configuration = refreshed;
                result = await tokenHandler.ValidateTokenAsync(token, parameters.For(configuration, Parameters));
            }
        }

        return (result, configuration);
    }

    private TokenValidationParameters Parameters(EndorsedOpenIdConfiguration configuration, string[] issuers, string[] audiences) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = issuers,
        ValidateAudience = true,
        ValidAudiences = audiences,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
        RequireSignedTokens = true,
        ValidAlgorithms = AllowedAlgorithms,
        IssuerSigningKeys = configuration.SigningKeys,

        // The kid must name the key; the endorsement check depends on it.
        TryAllIssuerSigningKeys = false,
    };

    // The built-in lifetime check reads the system clock; this one reads the injected TimeProvider.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiration time.");
        }

        if (notBefore is { } start && start > expiry)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's nbf is after its exp.") { NotBefore = start, Expires = expiry };
        }

        if (notBefore is { } validFrom && validFrom > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before {validFrom:O}.") { NotBefore = validFrom };
        }

        if (expiry < now - ClockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {expiry:O}.") { Expires = expiry };
        }

        return true;
    }

    private static string? SigningKeyId(TokenValidationResult result) =>
        result.SecurityToken is JsonWebToken { SigningKey.KeyId: { Length: > 0 } kid } ? kid : null;

    private static string[] EntraIssuers(BotOptions settings) =>
        string.IsNullOrWhiteSpace(settings.MicrosoftAppTenantId)
            ? []
            : [$"{BotOptions.LoginBaseUrl}/{settings.MicrosoftAppTenantId}/v2.0", $"https://sts.windows.net/{settings.MicrosoftAppTenantId}/"];

    private static BotAuthenticationResult Failed(TokenValidationResult result) =>
        BotAuthenticationResult.Failure(result.Exception?.Message ?? "The token is not valid.");

    /// <summary>
    /// The validation parameters of one kind of token, built once per metadata configuration (they
    /// only change when the keys do) instead of once per request. The settings they come from are
    /// fixed for the life of the process.
    /// </summary>
    private sealed class ParameterCache(string[] issuers, string[] audiences)
    {
        private Entry? last;

        public TokenValidationParameters For(
            EndorsedOpenIdConfiguration configuration,
            Func<EndorsedOpenIdConfiguration, string[], string[], TokenValidationParameters> create)
        {
            if (Volatile.Read(ref last) is { } entry && ReferenceEquals(entry.Configuration, configuration))
            {
                return entry.Parameters;
            }

            var parameters = create(configuration, issuers, audiences);
            Volatile.Write(ref last, new Entry(configuration, parameters));
            return parameters;
        }

        private sealed record Entry(EndorsedOpenIdConfiguration Configuration, TokenValidationParameters Parameters);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A token's signing key is not in the keys from {MetadataAddress}; refreshing them")]
    private static partial void LogSigningKeyNotFound(ILogger logger, string metadataAddress);
}

/// <summary>The outcome of authenticating one inbound request.</summary>
public sealed record BotAuthenticationResult(ClaimsIdentity? Identity, string? FailureReason)
{
    public bool Succeeded => Identity is not null;

    public static BotAuthenticationResult Success(ClaimsIdentity identity) => new(identity, null);

    public static BotAuthenticationResult Failure(string reason) => new(null, reason);
}
