using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Recognition.Leaderboard;
using TeamsLearningBot.Recognition.Suggestions;

namespace TeamsLearningBot.Recognition;

public static class RecognitionHostingExtensions
{
    /// <summary>Recognition: learner events and the features that count them.</summary>
    public static IHostApplicationBuilder AddRecognition(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<LearnerEvents>();
        services.AddScoped<PersonalMessenger>();

        // Badges first: sinks hear events in registration order, and badges must count each one.
        builder.AddBadges();
        builder.AddKudos();
        builder.AddSuggestions();
        builder.AddLeaderboard();
        return builder;
    }
}
