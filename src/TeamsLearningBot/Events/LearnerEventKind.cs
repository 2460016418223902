namespace TeamsLearningBot.Events;

/// <summary>The facts features publish and sinks count. Each names who it is about in <see cref="LearnerEvent.LearnerKey"/>.</summary>
public enum LearnerEventKind
{
    /// <summary>The learner shared a reflection (text) on a posted card, on the card or in its thread.</summary>
    Reflected,

    /// <summary>The learner rated a posted card for the first time (a changed rating is not a new fact).</summary>
    Rated,

    /// <summary>The learner received kudos from someone else.</summary>
    KudosReceived,

    /// <summary>The learner gave kudos to someone else.</summary>
    KudosGiven,

    /// <summary>
    /// A reaction was added to (<see cref="LearnerEvent.Delta"/> +1) or removed from (−1) one of the
    /// learner's reflections; <see cref="LearnerEvent.SubjectId"/> names the reflection.
    /// </summary>
    ReactionReceived,

    /// <summary>A facilitator approved content the learner suggested; it is now in the library.</summary>
    SuggestionApproved,

    /// <summary>The learner earned a badge tier (<see cref="LearnerEvent.BadgeId"/>, <see cref="LearnerEvent.Tier"/>).</summary>
    BadgeAwarded,

    /// <summary>A learner changed their rating of a card: insights moves it to the new value; the other books count only first ratings.</summary>
    RatingChanged,
}
