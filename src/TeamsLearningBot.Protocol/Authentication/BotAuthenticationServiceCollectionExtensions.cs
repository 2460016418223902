using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Protocol.Authentication;

public static class BotAuthenticationServiceCollectionExtensions
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Registers inbound authentication and the start-up check of <see cref="BotOptions"/>.</summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, BotOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UnauthenticatedModeWarning>());
        services.AddHttpClient(HttpClientDocumentRetriever.HttpClientName, http => http.Timeout = FetchTimeout);
        services.TryAddSingleton<BotAuthenticator>();
        return services;
    }
}
