namespace TeamsLearningBot.Reflections;

/// <summary>What one read of a card's partition found: the card, one learner's part, one reflection.</summary>
public sealed record CardSnapshot(ReflectionPostEntity? Post, ParticipantEntity? Participant, ReflectionEntity? Reflection)
{
    /// <summary>False when the participant row was neither remembered nor read (a guess): null then means unknown, not absent.</summary>
    public bool ParticipantKnown { get; init; } = true;
}
