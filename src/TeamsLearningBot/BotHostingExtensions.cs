using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsLearningBot.Protocol.Hosting;

namespace TeamsLearningBot;

public static class BotHostingExtensions
{
    /// <summary>The wire protocol plus what every feature shares (time).</summary>
    public static IHostApplicationBuilder AddBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBotProtocol();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    public static IEndpointConventionBuilder MapBot(this IEndpointRouteBuilder endpoints) => endpoints.MapBotEndpoint("/api/messages");
}
