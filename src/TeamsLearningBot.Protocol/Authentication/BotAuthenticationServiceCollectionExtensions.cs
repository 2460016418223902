using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Protocol.Authentication;

public static class BotAuthenticationServiceCollectionExtensions
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Registers inbound authentication, the start-up check of <see cref="BotOptions"/>, the
    /// Connector token provider and the handler that puts the token on <see cref="ConnectorClient"/> calls.
    /// Handlers added to the Connector client after this call run inside the token handler, so its
    /// one retry on 401 goes through them again.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, BotOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UnauthenticatedModeWarning>());
        services.AddHttpClient(HttpClientDocumentRetriever.HttpClientName, http => http.Timeout = FetchTimeout);
        services.AddHttpClient(MsalHttpClientFactory.HttpClientName, http => http.Timeout = FetchTimeout);
        services.TryAddSingleton<BotAuthenticator>();
        services.TryAddSingleton<IBotTokenProvider, BotTokenProvider>();
        services.TryAddTransient<BotTokenHandler>();
        services.AddHttpClient<ConnectorClient>().AddHttpMessageHandler<BotTokenHandler>();
        return services;
    }
}
