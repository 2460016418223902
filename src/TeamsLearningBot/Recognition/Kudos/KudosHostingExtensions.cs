using TeamsLearningBot.Commands;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Recognition.Reactions;

namespace TeamsLearningBot.Recognition.Kudos;

public static class KudosHostingExtensions
{
    /// <summary>Peer recognition: <c>kudos @name for …</c>, reactions on reflections, and their privacy.</summary>
    public static IHostApplicationBuilder AddKudos(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<KudosOptions>()
            .BindConfiguration(KudosOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<KudosStore>();
        services.AddSingleton<KudosReceivers>();
        services.AddSingleton<KudosGiving>();
        services.AddSingleton<KudosPurge>();
        services.AddHostedService<RetentionPass<KudosPurge>>();
        services.AddSingleton<ReflectionMessages>();
        services.AddSingleton<ReactionStore>();
        services.AddSingleton<IPersonalDataEraser, KudosPersonalDataEraser>();
        // The reactions a person gave go; what they added to authors' counts stays, as numbers.
        services.AddPersonalDataEraser<ReactionStore>("reactions to reflections", (store, subject, ct) => store.RemoveReactorAsync(subject.LearnerKey, ct));

        services.AddBotCommand<KudosCommand>("kudos", KudosCommand.Usage, "Recognise a colleague for something they did; they're notified.", CommandAudience.Everyone, CommandScopes.Team | CommandScopes.GroupChat);
        services.AddActivityRoute<ReflectionReactionHandler>("reflection-reactions", ReflectionReactionHandler.Selects);
        return builder;
    }
}
