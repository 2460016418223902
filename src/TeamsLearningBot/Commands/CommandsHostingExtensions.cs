using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Commands;

public static class CommandsHostingExtensions
{
    /// <summary>
    /// The command table every feature adds its rows to, the message handler that routes by it, and
    /// <c>help</c>. Writes no table.
    /// </summary>
    public static IHostApplicationBuilder AddCommands(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CommandCatalog>();
        builder.Services.AddActivityRoute<CommandMessageHandler>("commands", CommandMessageHandler.Selects);
        builder.Services.AddBotCommand<HelpCommand>("help", "help", "Show what I can do here.");
        return builder;
    }

    /// <summary>Adds a row to the command table; <typeparamref name="THandler"/> is resolved per message.</summary>
    public static IServiceCollection AddBotCommand<THandler>(
        this IServiceCollection services,
        string name,
        string usage,
        string description,
        CommandAudience audience = CommandAudience.Everyone,
        CommandScopes scopes = CommandScopes.All)
        where THandler : class, ICommandHandler
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new BotCommand
        {
            Name = name,
            Usage = usage,
            Description = description,
            Audience = audience,
            Scopes = scopes,
            HandlerType = typeof(THandler),
        });
        return services;
    }
}
