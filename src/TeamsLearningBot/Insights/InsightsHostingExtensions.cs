using System.ComponentModel.DataAnnotations;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Events;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Insights;

public static class InsightsHostingExtensions
{
    /// <summary>Insights: the aggregates sink, the reports on it, and the facilitators' <c>insights</c> and <c>experts</c>.</summary>
    public static IHostApplicationBuilder AddInsights(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<InsightsOptions>()
            .BindConfiguration(InsightsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<InsightsStore>();
        services.AddSingleton<InsightsSink>();
        services.AddSingleton<ILearnerEventSink>(sp => sp.GetRequiredService<InsightsSink>());
        services.AddSingleton<BusinessInsights>();
        services.AddSingleton<InsightsReports>();
        services.AddSingleton<InsightsPurge>();
        services.AddScoped<InsightsRoster>();
        services.AddScoped<InsightsDelivery>();
        services.AddSingleton<IPersonalDataEraser, InsightsPersonalDataEraser>();
        services.AddHostedService<RetentionPass<InsightsPurge>>();

        services.AddBotCommand<InsightsCommand>(
            "insights", InsightsRequest.Usage, "Participation, relevance and what people say, for the team, a tag or an item (sent to your 1:1 chat).", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<ExpertsCommand>(
            "experts", ExpertsCommand.Usage, "Who knows what on a tag, with the evidence, and who might need support (sent to your 1:1 chat).", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<ExpertsVisibilityCommand>(
            ExpertsVisibilityCommand.Hide, ExpertsVisibilityCommand.Hide, "Leave the `experts` lists facilitators see, in every team.");
        services.AddBotCommand<ExpertsVisibilityCommand>(
            ExpertsVisibilityCommand.Show, ExpertsVisibilityCommand.Show, "Appear in `experts` lists again.");
        return builder;
    }
}

public sealed class InsightsOptions
{
    public const string SectionName = "Insights";

    /// <summary>A figure about fewer people than this reads "fewer than N" (never below 3).</summary>
    [Range(3, 1000)]
    public int MinGroupSize { get; set; } = 5;

    /// <summary>The period of <c>insights</c> when none is named.</summary>
    [Range(7, 3650)]
    public int DefaultDays { get; set; } = 28;

    /// <summary>Prune ledger weeks and markers older than <c>Privacy:RetentionDays</c> now and then.</summary>
    public bool RetentionEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);
}
