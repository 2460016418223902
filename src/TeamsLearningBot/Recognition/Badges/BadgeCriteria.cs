using TeamsLearningBot.Events;

namespace TeamsLearningBot.Recognition.Badges;

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
