using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TeamsLearningBot.Protocol.Authentication;

public static class BotAuthenticationServiceCollectionExtensions
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Registers inbound authentication and the client its signing keys are fetched with.</summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientDocumentRetriever.HttpClientName, http => http.Timeout = FetchTimeout);
        services.TryAddSingleton<BotAuthenticator>();
        return services;
    }
}
