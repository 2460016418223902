namespace TeamsLearningBot.Reflections;

/// <summary>The card after a Share, and the note for the person who shared. No card: not a drop's card.</summary>
public sealed record ShareOutcome(ReflectionPostEntity? Post, CardNote Note);
