using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Recognition.Kudos;
using TeamsLearningBot.Recognition.Leaderboard;
using TeamsLearningBot.Recognition.Reactions;
using TeamsLearningBot.Recognition.Suggestions;

namespace TeamsLearningBot.Recognition;

public static class RecognitionHostingExtensions
{
    /// <summary>
    /// Recognition: badges, kudos, reactions, suggestions and the leaderboard, which count learner events.
    /// Each part's own <c>AddXxx</c> names the tables it writes.
    /// </summary>
    public static IHostApplicationBuilder AddRecognition(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBadges();
        builder.AddKudos();
        builder.AddReactions();
        builder.AddSuggestions();
        builder.AddLeaderboard();
        return builder;
    }
}
