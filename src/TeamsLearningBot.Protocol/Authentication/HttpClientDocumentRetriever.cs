using Microsoft.IdentityModel.Protocols;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>
/// Fetches metadata through <see cref="IHttpClientFactory"/>, with a fresh client per fetch so
/// that the cached metadata does not pin one handler forever. Plain http is allowed for loopback
/// addresses only (local test rigs).
/// </summary>
internal sealed class HttpClientDocumentRetriever(IHttpClientFactory httpClientFactory) : IDocumentRetriever
{
    public const string HttpClientName = "TeamsLearningBot.OpenIdMetadata";

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName))
        {
            RequireHttps = !IsLoopbackHttp(address),
        };
        return retriever.GetDocumentAsync(address, cancel);
    }

    internal static bool IsLoopbackHttp(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
}
