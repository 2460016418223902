using TeamsLearningBot.Events;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// What each contribution is worth on the leaderboard. Sharing a reflection is the heart of it;
/// an approved suggestion enriches everyone's library, so it weighs most; quick signals (a rating,
/// kudos given, a reaction) count a little. A removed reaction takes its point back.
/// </summary>
public static class ContributionWeights
{
    public const int Reflected = 3;
    public const int Rated = 1;
    public const int KudosReceived = 2;
    public const int KudosGiven = 1;
    public const int ReactionReceived = 1;
    public const int SuggestionApproved = 5;
    public const int BadgeAwarded = 2;

    /// <summary>The points an event adds (or, with a negative delta, takes back).</summary>
    public static int PointsOf(LearnerEvent learnerEvent)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        var weight = learnerEvent.Kind switch
        {
            LearnerEventKind.Reflected => Reflected,
            LearnerEventKind.Rated => Rated,
            LearnerEventKind.KudosReceived => KudosReceived,
            LearnerEventKind.KudosGiven => KudosGiven,
            LearnerEventKind.ReactionReceived => ReactionReceived,
            LearnerEventKind.SuggestionApproved => SuggestionApproved,
            LearnerEventKind.BadgeAwarded => BadgeAwarded,
            _ => 0,
        };
        return weight * Math.Sign(learnerEvent.Delta);
    }

    /// <summary>The rule as people read it, for the leaderboard's footnote.</summary>
    public const string Explained =
        "Points: a reflection 3, an approved suggestion 5, kudos received 2, a badge 2, a rating 1, kudos given 1, a reaction to your reflection 1.";
}
