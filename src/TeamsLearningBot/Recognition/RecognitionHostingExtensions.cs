using TeamsLearningBot.Recognition.Badges;

namespace TeamsLearningBot.Recognition;

public static class RecognitionHostingExtensions
{
    /// <summary>Recognition: learner events and the features that count them.</summary>
    public static IHostApplicationBuilder AddRecognition(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<LearnerEvents>();

        // Badges first: sinks hear events in registration order, and badges must count each one.
        builder.AddBadges();
        builder.AddKudos();
        return builder;
    }
}
