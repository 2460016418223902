using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>Forgets a learner's leaderboard points and named badges in the weekly post's records.</summary>
public sealed class LeaderboardPersonalDataEraser(ContributionStore store) : IPersonalDataEraser
{
    public string Category => "leaderboard points";

    public Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return store.EraseAsync(subject.LearnerKey, cancellationToken);
    }
}
