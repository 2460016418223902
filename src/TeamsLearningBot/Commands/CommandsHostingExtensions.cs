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
        builder.Services.AddBotCommand<CommandCatalog>(
            "help", "help", "Show what I can do here.", (catalog, context, ct) => context.Turn.ReplyAsync(HelpCard.Build(catalog, context.Scope), ct));
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
        return services.AddBotCommand<THandler>(name, usage, description, (handler, context, ct) => handler.HandleAsync(context, ct), audience, scopes);
    }

    /// <summary>
    /// Adds a row whose work is one call on <typeparamref name="TService"/> (resolved per message),
    /// for commands too small to be a class of their own.
    /// </summary>
    public static IServiceCollection AddBotCommand<TService>(
        this IServiceCollection services,
        string name,
        string usage,
        string description,
        Func<TService, CommandContext, CancellationToken, Task> handle,
        CommandAudience audience = CommandAudience.Everyone,
        CommandScopes scopes = CommandScopes.All)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(handle);
        services.AddSingleton(new BotCommand
        {
            Name = name,
            Usage = usage,
            Description = description,
            Audience = audience,
            Scopes = scopes,
            Handle = (provider, context, ct) => handle(provider.GetRequiredService<TService>(), context, ct),
        });
        return services;
    }

    /// <summary>Adds a row whose answer needs no service, such as a fixed card.</summary>
    public static IServiceCollection AddBotCommand(
        this IServiceCollection services,
        string name,
        string usage,
        string description,
        Func<CommandContext, CancellationToken, Task> handle,
        CommandAudience audience = CommandAudience.Everyone,
        CommandScopes scopes = CommandScopes.All)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return services.AddBotCommand<IServiceProvider>(name, usage, description, (_, context, ct) => handle(context, ct), audience, scopes);
    }
}
