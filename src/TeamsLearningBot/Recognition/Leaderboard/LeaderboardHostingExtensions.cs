using TeamsLearningBot.Commands;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Recognition.Leaderboard;

public static class LeaderboardHostingExtensions
{
    /// <summary>
    /// The contributions ledger (a book insights' sink commits with its own, in table <c>Insights</c>),
    /// the leaderboard and the weekly recognition post. Writes table <c>Contributions</c> (settings, weekly posts).
    /// </summary>
    public static IHostApplicationBuilder AddLeaderboard(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<WeeklyRecognitionOptions>()
            .BindConfiguration(WeeklyRecognitionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<ContributionStore>();
        services.AddSingleton<ContributionLedger>();
        services.AddSingleton<ITeamPartitionBook>(sp => sp.GetRequiredService<ContributionLedger>());
        services.AddSingleton<Standings>();
        services.AddSingleton<WeeklyPlanner>();
        services.AddSingleton<WeeklyDigestBuilder>();
        services.AddSingleton<WeeklyRecognitionProcessor>();
        // A learner's points and named badges in the weekly post's records.
        services.AddPersonalDataEraser<ContributionStore>("leaderboard points", (store, subject, ct) => store.EraseAsync(subject.LearnerKey, ct));
        services.AddHostedService<WeeklyRecognitionScheduler>();

        services.AddBotCommand<LeaderboardCommand>(
            "leaderboard", "leaderboard", "The top contributors of the last 30 days.", CommandAudience.Everyone, CommandScopes.Team | CommandScopes.GroupChat);
        services.AddBotCommand<LeaderboardSwitchCommand>(
            LeaderboardSwitchCommand.Off, LeaderboardSwitchCommand.Off, "Switch the team's leaderboard off (it also leaves top contributors out of the weekly post).", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<LeaderboardSwitchCommand>(
            LeaderboardSwitchCommand.On, LeaderboardSwitchCommand.On, "Switch the team's leaderboard back on.", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<WeeklyRecognitionCommand>(
            "weekly recognition", WeeklyRecognitionCommand.Usage, "The weekly \u201CThis week: …\u201D post: see when and where it goes, switch it off or on, or move it to another channel.", CommandAudience.Facilitators, CommandScopes.Team);
        return builder;
    }
}
