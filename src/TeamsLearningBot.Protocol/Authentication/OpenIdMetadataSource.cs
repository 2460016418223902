using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>The cached metadata of one OpenID metadata URL.</summary>
internal sealed class OpenIdMetadataSource
{
    /// <summary>A key miss forces a refetch at most this often, so forged kids cannot cause a fetch storm.</summary>
    public static readonly TimeSpan MinimumRefreshSpacing = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan RefreshWait = TimeSpan.FromSeconds(10);

    private readonly EndorsingConfigurationRetriever retriever = new();
    private readonly ConfigurationManager<OpenIdConnectConfiguration> manager;
    private readonly TimeProvider timeProvider;
    private readonly Lock gate = new();
    private DateTimeOffset? lastRefresh;

    public OpenIdMetadataSource(string address, IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
    {
        this.timeProvider = timeProvider;
        manager = new ConfigurationManager<OpenIdConnectConfiguration>(address, retriever, new HttpClientDocumentRetriever(httpClientFactory))
        {
            // The spacing of forced refreshes is enforced here, with the injected clock.
            RefreshInterval = BaseConfigurationManager.MinimumRefreshInterval,
        };
    }

    public async Task<EndorsedOpenIdConfiguration> GetAsync(CancellationToken cancellationToken) =>
        (EndorsedOpenIdConfiguration)await manager.GetConfigurationAsync(cancellationToken);

    /// <summary>
    /// Refetches after a signing key was not found. Returns null when a refresh happened too
    /// recently or the fetch failed.
    /// </summary>
    public async Task<EndorsedOpenIdConfiguration?> RefreshAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            if (lastRefresh is { } last && now - last < MinimumRefreshSpacing)
            {
                return null;
            }

            lastRefresh = now;
        }

        // IdentityModel 8 refreshes in the background after RequestRefresh, so reading the manager
        // right away would return the old keys; wait for that fetch's own result instead.
        var fetched = retriever.NextFetch;
        manager.RequestRefresh();
        try
        {
            return await fetched.WaitAsync(RefreshWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
