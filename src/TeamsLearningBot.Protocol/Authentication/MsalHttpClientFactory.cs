using Microsoft.Identity.Client;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>Lets MSAL send its token requests through <see cref="IHttpClientFactory"/>.</summary>
internal sealed class MsalHttpClientFactory(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    public const string HttpClientName = "TeamsLearningBot.TokenAuthority";

    public HttpClient GetHttpClient() => httpClientFactory.CreateClient(HttpClientName);
}
