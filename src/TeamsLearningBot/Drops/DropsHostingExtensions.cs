using TeamsLearningBot.Commands;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

public static class DropsHostingExtensions
{
    /// <summary>
    /// Scheduled drops: the commands, the scheduler and the delivery workers. Writes tables
    /// <c>Drops</c>, <c>DropSchedule</c> and <c>Posts</c>, and the <c>drops</c> queue.
    /// </summary>
    public static IHostApplicationBuilder AddDrops(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DropOptions>()
            .BindConfiguration(DropOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<DropStore>();
        services.AddSingleton<DropScheduleIndex>();
        services.AddSingleton<DropScheduleSignal>();
        services.AddSingleton<PostStore>();
        services.AddSingleton<DropStopCheck>();
        services.AddSingleton<DropJobMessages>();
        services.AddSingleton<WorkSignal<DropJobMessages>>();
        services.AddSingleton<DueDropProcessor>();
        services.AddSingleton<DropPlanner>();
        services.AddSingleton<DropSummaryReader>();
        services.AddSingleton<ChannelResolver>();
        services.AddPersonalDataEraser<DropStore>("names on scheduled drops", (store, subject, ct) => store.ForgetSchedulerAsync(subject.UserId, ct));

        // Per job: it holds a ConnectorClient, a typed HttpClient that must not outlive its handler rotation.
        services.AddScoped<DropJobProcessor>();
        services.AddHostedService<DropScheduler>();
        services.AddHostedService<DropDeliveryWorker>();

        const CommandAudience Facilitators = CommandAudience.Facilitators;
        const CommandScopes Team = CommandScopes.Team;
        services.AddBotCommand<ScheduleCommand>("schedule", "schedule C12 in #channel every monday at 09:30", "Post an item (or a series: tag:feedback) to channels once, on days at a time, or on a cron expression.", Facilitators, Team);
        services.AddBotCommand<DropsCommand>("drops", "drops", "List upcoming drops with their next run and last result.", Facilitators, Team);
        services.AddBotCommand<DropStatusCommand>("drop status", "drop status D4", "Show how each channel's post of a drop went.", Facilitators, Team);
        services.AddBotCommand<DropNowCommand>("drop", "drop C12 now [in #channel]", "Post an item right away (here, or in the channels named).", Facilitators, Team);
        services.AddBotCommand<CancelDropCommand>("cancel", "cancel D4", "Stop a drop for good.", Facilitators, Team);
        services.AddBotCommand<PauseDropCommand>("pause", "pause D4", "Pause a drop.", Facilitators, Team);
        services.AddBotCommand<ResumeDropCommand>("resume", "resume D4", "Resume a paused drop from its next scheduled time.", Facilitators, Team);
        services.AddBotCommand<TimeZoneCommand>("timezone", "timezone Europe/London", "Show or set the team's time zone for schedules (IANA id).", Facilitators, Team);
        return builder;
    }
}
