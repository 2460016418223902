using TeamsLearningBot.Commands;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Recognition.Kudos;

public static class KudosHostingExtensions
{
    /// <summary>
    /// Peer recognition: <c>kudos @name for …</c>, its cards, retention and privacy. Writes table <c>Kudos</c>.
    /// </summary>
    public static IHostApplicationBuilder AddKudos(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<KudosOptions>()
            .BindConfiguration(KudosOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<KudosStore>();
        services.AddSingleton<KudosReceiverResolver>();
        services.AddSingleton<KudosGiving>();
        services.AddSingleton<KudosPurge>();
        services.AddHostedService<RetentionPass<KudosPurge>>();
        services.AddSingleton<IPersonalDataEraser, KudosPersonalDataEraser>();

        services.AddBotCommand<KudosCommand>("kudos", KudosCommand.Usage, "Recognise a colleague for something they did; they're notified.", CommandAudience.Everyone, CommandScopes.Team | CommandScopes.GroupChat);
        return builder;
    }
}
