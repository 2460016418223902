using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>
/// Gets Connector tokens with MSAL: client credentials against <see cref="BotOptions.EffectiveLoginUrl"/>,
/// or the user-assigned managed identity. MSAL's in-memory cache returns a token until about five
/// minutes before it expires, so most calls make no request. The last token is also kept here until
/// the point where MSAL would stop returning it (or would refresh it early): a lookup in MSAL's cache
/// builds a whole request (authority, telemetry, cache keys) and allocates more than any other part of
/// a Connector call.
/// </summary>
public sealed partial class BotTokenProvider : IBotTokenProvider
{
    /// <summary>MSAL treats a token this close to expiry as expired.</summary>
    internal static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    private readonly BotOptions options;
    private readonly ILogger<BotTokenProvider> logger;
    private readonly TimeProvider time;
    private readonly Lazy<IConfidentialClientApplication>? confidentialClient;
    private readonly Lazy<IManagedIdentityApplication>? managedIdentity;
    private CachedToken? cached;

    public BotTokenProvider(IOptions<BotOptions> options, IHttpClientFactory httpClientFactory, ILogger<BotTokenProvider> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.logger = logger;
        this.time = time;
        if (!this.options.IsAuthenticationConfigured)
        {
            return;
        }

        var msalHttp = new MsalHttpClientFactory(httpClientFactory);
        if (this.options.MicrosoftAppType == BotAppType.UserAssignedMsi)
        {
            managedIdentity = new(() => ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(this.options.MicrosoftAppId))
                .WithHttpClientFactory(msalHttp)
                .Build());
        }
        else
        {
            confidentialClient = new(() => BuildConfidentialClient(this.options, msalHttp));
        }
    }

    public async Task<string?> GetTokenAsync(bool forceRefresh = false, CancellationToken cancellationToken = default)
    {
        // MSAL dates tokens by the system clock, which is what TimeProvider gives outside tests.
        if (!forceRefresh && Volatile.Read(ref cached) is { } token && time.GetUtcNow() < token.ReuseUntil)
        {
            return token.AccessToken;
        }

        AuthenticationResult result;
        if (managedIdentity is not null)
        {
            // Managed identity takes the resource itself, without "/.default".
            result = await managedIdentity.Value
                .AcquireTokenForManagedIdentity(options.ToChannelFromBotOAuthScope)
                .WithForceRefresh(forceRefresh)
                .ExecuteAsync(cancellationToken);
        }
        else if (confidentialClient is not null)
        {
            result = await confidentialClient.Value
                .AcquireTokenForClient([options.ToChannelFromBotOAuthScope.TrimEnd('/') + "/.default"])
                .WithForceRefresh(forceRefresh)
                .ExecuteAsync(cancellationToken);
        }
        else
        {
            return null;
        }

        if (result.AuthenticationResultMetadata.TokenSource != TokenSource.Cache)
        {
            LogTokenAcquired(logger, result.ExpiresOn);
        }

        var reuseUntil = result.ExpiresOn - ExpiryMargin;
        if (result.AuthenticationResultMetadata.RefreshOn is { } refreshOn && refreshOn < reuseUntil)
        {
            reuseUntil = refreshOn;
        }

        Volatile.Write(ref cached, new CachedToken(result.AccessToken, reuseUntil));
        return result.AccessToken;
    }

    private static IConfidentialClientApplication BuildConfidentialClient(BotOptions options, IMsalHttpClientFactory msalHttp)
    {
        if (string.IsNullOrEmpty(options.MicrosoftAppPassword))
        {
            throw new InvalidOperationException("MicrosoftAppPassword is required to get Connector tokens for a MultiTenant or SingleTenant app.");
        }

        var authority = options.EffectiveLoginUrl;

        // Instance discovery and authority validation only know the public clouds; a loopback
        // stand-in (a test rig) must skip them.
        var knownCloud = !Uri.TryCreate(authority, UriKind.Absolute, out var uri) || !uri.IsLoopback;
        return ConfidentialClientApplicationBuilder
            .Create(options.MicrosoftAppId)
            .WithClientSecret(options.MicrosoftAppPassword)
            .WithAuthority(authority, validateAuthority: knownCloud)
            .WithInstanceDiscovery(knownCloud)
            .WithHttpClientFactory(msalHttp)
            .Build();
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset ReuseUntil);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Got a new Connector token, valid until {ExpiresOn}")]
    private static partial void LogTokenAcquired(ILogger logger, DateTimeOffset expiresOn);
}

/// <summary>Lets MSAL send its token requests through <see cref="IHttpClientFactory"/>.</summary>
internal sealed class MsalHttpClientFactory(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    public const string HttpClientName = "TeamsLearningBot.TokenAuthority";

    public HttpClient GetHttpClient() => httpClientFactory.CreateClient(HttpClientName);
}
