using TeamsLearningBot.Events;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// What a badge counts. Each criterion listens to exactly one <see cref="LearnerEventKind"/>, so an
/// event only ever touches the badges of its kind.
/// </summary>
public enum BadgeCriterion
{
    /// <summary>Distinct cards reflected on within <see cref="BadgeDefinition.Parameter"/> hours of their posting.</summary>
    ReflectedSoonAfterPosting,

    /// <summary>Cards rated (a learner's first rating of each card).</summary>
    ItemsRated,

    /// <summary>Suggestions a facilitator approved.</summary>
    SuggestionsApproved,

    /// <summary>Reflections that share a link.</summary>
    ReflectionsSharingResources,

    /// <summary>Kudos received.</summary>
    KudosReceived,

    /// <summary>Distinct people the learner gave kudos to.</summary>
    PeopleGivenKudos,

    /// <summary>Reflections of at least <see cref="BadgeDefinition.Parameter"/> words.</summary>
    LongReflections,

    /// <summary>Reflections that currently hold at least <see cref="BadgeDefinition.Parameter"/> reactions.</summary>
    ReflectionsWithReactions,

    /// <summary>The current run of consecutive weeks (in the team's time zone) with a reflection.</summary>
    WeeksInARow,
}
