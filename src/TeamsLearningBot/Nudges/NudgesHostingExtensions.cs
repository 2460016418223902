using TeamsLearningBot.Commands;
using TeamsLearningBot.Events;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Nudges;

public static class NudgesHostingExtensions
{
    /// <summary>
    /// Gentle nudges: the planner, the delivery workers, the card's actions, the learners' and
    /// facilitators' commands, retention and privacy. Writes table <c>Nudges</c> and the <c>nudges</c> queue.
    /// </summary>
    public static IHostApplicationBuilder AddNudges(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<NudgeOptions>()
            .BindConfiguration(NudgeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<NudgeStore>();
        services.AddSingleton<NudgeJobMessages>();
        services.AddSingleton<WorkSignal<NudgeJobMessages>>();
        services.AddSingleton<NudgePlanner>();
        services.AddSingleton<NudgeAnswerRecorder>();
        services.AddSingleton<ILearnerEventSink>(sp => sp.GetRequiredService<NudgeAnswerRecorder>());
        services.AddSingleton<LearnerTimeZones>();
        services.AddHostedService(sp => sp.GetRequiredService<LearnerTimeZones>());
        services.AddSingleton<IPersonalDataEraser, NudgesPersonalDataEraser>();
        services.AddSingleton<NudgePurge>();
        services.AddHostedService<RetentionPass<NudgePurge>>();

        // Per job: it holds a ConnectorClient (through the messenger), a typed HttpClient.
        services.AddScoped<NudgeJobProcessor>();
        services.AddHostedService<NudgePlanPass>();
        services.AddHostedService<NudgeDeliveryWorker>();

        services.AddActivityRoute<NudgeActionHandler>("nudge-actions", NudgeActionHandler.SelectsInvoke);
        services.AddActivityRoute<NudgeActionHandler>("nudge-submits", NudgeActionHandler.SelectsSubmit);
        services.AddActivityRoute<LearnerTimeZones>("learner-time-zones", LearnerTimeZones.Selects);

        services.AddBotCommand<StopNudgesCommand>("stop nudges", "stop nudges", "No more nudges from me, in any team.");
        services.AddBotCommand<StartNudgesCommand>("start nudges", "start nudges", "Get an occasional nudge about a drop again (at most one a week).");
        services.AddBotCommand<NudgesCommand>("nudges", NudgesCommand.Usage, "Nudges in this team: the settings, how many were nudged and how many contributed after.", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<NudgesCommand>("nudges on", "nudges on", "Let the bot nudge people in this team who haven't contributed yet.", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<NudgesCommand>("nudges off", "nudges off", "No nudges about this team's drops.", CommandAudience.Facilitators, CommandScopes.Team);
        return builder;
    }
}
