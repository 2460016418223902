using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>
/// Fetches the metadata document and its JWKS once, and builds both the signing keys and the
/// endorsement map from that same JWKS text.
/// </summary>
internal sealed class EndorsingConfigurationRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    private TaskCompletionSource<EndorsedOpenIdConfiguration?> nextFetch = NewFetch();

    /// <summary>Completes when the fetch under way, or else the next one, ends; null when it failed.</summary>
    public Task<EndorsedOpenIdConfiguration?> NextFetch => Volatile.Read(ref nextFetch).Task;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        EndorsedOpenIdConfiguration? fetched = null;
        try
        {
            var configuration = new EndorsedOpenIdConfiguration(await retriever.GetDocumentAsync(address, cancel));
            if (string.IsNullOrEmpty(configuration.JwksUri))
            {
                throw new InvalidOperationException($"The OpenID metadata at {address} has no jwks_uri.");
            }

            var jwks = await retriever.GetDocumentAsync(configuration.JwksUri, cancel);
            configuration.JsonWebKeySet = new JsonWebKeySet(jwks);
            foreach (var key in configuration.JsonWebKeySet.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            configuration.ReadEndorsements(jwks);
            fetched = configuration;
            return configuration;
        }
        finally
        {
            Interlocked.Exchange(ref nextFetch, NewFetch()).TrySetResult(fetched);
        }
    }

    private static TaskCompletionSource<EndorsedOpenIdConfiguration?> NewFetch() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
