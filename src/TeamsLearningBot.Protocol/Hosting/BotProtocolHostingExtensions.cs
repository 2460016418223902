using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeamsLearningBot.Protocol.Authentication;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Protocol.Hosting;

public static class BotProtocolHostingExtensions
{
    /// <summary>
    /// Registers the wire protocol: options from the configuration root, inbound authentication,
    /// the Connector client with its token, retry and rate-limit handlers, the router and the turns it runs.
    /// </summary>
    public static IHostApplicationBuilder AddBotProtocol(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BotOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.Bind(options))
            .ValidateOnStart();

        services.AddBotAuthentication();
        services.AddSingleton<ActivityRouter>();
        services.AddSingleton<BotTurns>();
        services.AddHostedService(sp => sp.GetRequiredService<BotTurns>());
        services.AddHttpClient<ConnectorClient>().AddConnectorPipeline();
        return builder;
    }
}
