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

/// <summary>Facts about each <see cref="BadgeCriterion"/>: the event kind it listens to and the parameter it needs.</summary>
public static class BadgeCriteria
{
    public static LearnerEventKind KindOf(BadgeCriterion criterion) => criterion switch
    {
        BadgeCriterion.ReflectedSoonAfterPosting or BadgeCriterion.ReflectionsSharingResources or BadgeCriterion.LongReflections or BadgeCriterion.WeeksInARow => LearnerEventKind.Reflected,
        BadgeCriterion.ItemsRated => LearnerEventKind.Rated,
        BadgeCriterion.SuggestionsApproved => LearnerEventKind.SuggestionApproved,
        BadgeCriterion.KudosReceived => LearnerEventKind.KudosReceived,
        BadgeCriterion.PeopleGivenKudos => LearnerEventKind.KudosGiven,
        BadgeCriterion.ReflectionsWithReactions => LearnerEventKind.ReactionReceived,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "Unknown criterion."),
    };

    /// <summary>The name of the criterion's parameter in the catalogue file, or null when it takes none.</summary>
    public static string? ParameterOf(BadgeCriterion criterion) => criterion switch
    {
        BadgeCriterion.ReflectedSoonAfterPosting => "withinHours",
        BadgeCriterion.LongReflections => "minimumWords",
        BadgeCriterion.ReflectionsWithReactions => "minimumReactions",
        _ => null,
    };
}
