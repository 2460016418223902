using TeamsLearningBot.Commands;
using TeamsLearningBot.Events;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Recognition.Badges;

public static class BadgesHostingExtensions
{
    /// <summary>
    /// Badges: the catalogue (checked here, so a bad file stops the start), the engine that listens to
    /// learner events, the notifier, the commands, privacy. Writes tables <c>Badges</c>,
    /// <c>BadgeLearners</c>, <c>BadgeSettings</c> and <c>BadgeOutbox</c>.
    /// </summary>
    public static IHostApplicationBuilder AddBadges(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BadgeOptions>()
            .BindConfiguration(BadgeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(BadgeCatalogue.LoadEmbedded());
        services.AddSingleton<BadgeLedger>();
        services.AddSingleton<BadgeOutbox>();
        services.AddSingleton<BadgeSettingsStore>();
        services.AddSingleton<BadgeLearnerStore>();
        services.AddSingleton<BadgeTeamContextCache>();
        services.AddSingleton<LearnerLocks>();
        services.AddSingleton<BadgeNotifier>();
        services.AddSingleton<BadgeEngine>();

        // The first sink: badges are counted before anything else hears of the event.
        services.AddSingleton<ILearnerEventSink>(s => s.GetRequiredService<BadgeEngine>());
        services.AddSingleton<IPersonalDataEraser, BadgesPersonalDataEraser>();
        services.AddSingleton<BadgeNotificationSweeper>();
        services.AddHostedService(s => s.GetRequiredService<BadgeNotificationSweeper>());

        services.AddBotCommand<BadgesCommand>("badges", "badges", "The badges of this team: what earns each one, and whether it is on.", CommandAudience.Everyone, CommandScopes.All);
        services.AddBotCommand<MyBadgesCommand>("my badges", "my badges", "Your badges, grouped by the 4 Rs, and how close you are to the next ones.", CommandAudience.Everyone, CommandScopes.All);
        services.AddBotCommand<BadgeOffCommand>("badge off", BadgeOffCommand.Usage, "Turn a badge off for this team: nobody earns it while it is off.", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<BadgeOnCommand>("badge on", BadgeOnCommand.Usage, "Turn a badge back on for this team.", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<BadgeThresholdsCommand>("badge", BadgeThresholdsCommand.Usage, "Set the counts that earn a badge's tiers in this team.", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<NotificationsSwitchCommand>(NotificationsSwitchCommand.Stop, NotificationsSwitchCommand.Stop, "Stop my private messages about your badges.", CommandAudience.Everyone, CommandScopes.All);
        services.AddBotCommand<NotificationsSwitchCommand>(NotificationsSwitchCommand.Start, NotificationsSwitchCommand.Start, "Get my private messages about your badges again.", CommandAudience.Everyone, CommandScopes.All);
        return builder;
    }
}
