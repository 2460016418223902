using TeamsLearningBot.Commands;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Reflections;

public static class ReflectionsHostingExtensions
{
    /// <summary>
    /// Reflections and relevance: the card's form and actions, thread replies, live totals, listings,
    /// retention, privacy. Writes tables <c>Reflections</c> and <c>ReflectionIndex</c>, and the <c>cards</c> queue.
    /// </summary>
    public static IHostApplicationBuilder AddReflections(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ReflectionOptions>()
            .BindConfiguration(ReflectionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<CardRowCache>();
        services.AddSingleton<ReflectionStore>();
        services.AddSingleton<ReflectionIndex>();
        services.AddSingleton<ReflectionPostOpener>();
        services.AddSingleton<PostLocks>();
        services.AddSingleton<CardRefreshMessages>();
        services.AddSingleton<CardRefreshSignal>();
        services.AddSingleton<CardRefreshScheduler>();
        services.AddSingleton<ReflectionRecorder>();
        services.AddSingleton<ReflectionActions>();
        services.AddSingleton<ReflectionListing>();
        services.AddSingleton<ReflectionPurge>();

        // Per use: it holds a ConnectorClient, a typed HttpClient that must not outlive its handler rotation.
        services.AddScoped<CardRefresher>();
        services.AddSingleton<IPersonalDataEraser, ReflectionsPersonalDataEraser>();
        services.AddHostedService<CardRefreshWorker>();
        services.AddHostedService<RetentionPass<ReflectionPurge>>();

        services.AddActivityRoute<ReflectionActionHandler>("reflection-card-action", ReflectionActionHandler.Selects);
        services.AddActivityRoute<ReflectionSubmitHandler>("reflection-card-submit", ReflectionSubmitHandler.Selects);
        services.AddActivityRoute<ThreadReflectionHandler>("reflection-thread-reply", ThreadReflectionHandler.SelectsReply);
        services.AddActivityRoute<ThreadReflectionHandler>("reflection-thread-edit", ThreadReflectionHandler.SelectsEdit);
        services.AddActivityRoute<ThreadReflectionHandler>("reflection-thread-delete", ThreadReflectionHandler.SelectsDelete);

        services.AddBotCommand<ReflectionsCommand>("reflections", ReflectionsCommand.Usage, "The latest reflections on an item, across the team's channels.", CommandAudience.Everyone, CommandScopes.Team);
        services.AddBotCommand<AnonymousReflectionsCommand>("anonymous reflections", AnonymousReflectionsCommand.Usage, "Let learners share reflections without their name, by default for new posts.", CommandAudience.Facilitators, CommandScopes.Team);
        return builder;
    }
}
