namespace TeamsLearningBot.Events;

public static class EventsHostingExtensions
{
    /// <summary>
    /// The learner-event bus: features publish what learners did through <see cref="LearnerEvents"/>;
    /// every <see cref="ILearnerEventSink"/> a feature registers (badges, the leaderboard, insights) hears it.
    /// Writes no table: each sink keeps what it counts in its own.
    /// </summary>
    public static IHostApplicationBuilder AddLearnerEvents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<LearnerEvents>();
        return builder;
    }
}
