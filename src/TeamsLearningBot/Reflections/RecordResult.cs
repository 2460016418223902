namespace TeamsLearningBot.Reflections;

/// <summary>
/// What became of a submission, with the card as it now stands and the learner's rating; the
/// reflection stored (now or, for a duplicate, before) and whether this was their first rating of the card.
/// </summary>
public sealed record RecordResult(RecordStatus Status, ReflectionPostEntity? Post, int? Rating = null)
{
    public ReflectionEntity? Reflection { get; init; }

    public bool FirstRating { get; init; }
}
