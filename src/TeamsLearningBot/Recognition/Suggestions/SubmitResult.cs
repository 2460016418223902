namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>What <see cref="SuggestionStore.SubmitAsync"/> did, and the suggestion it is about.</summary>
public sealed record SubmitResult(SubmitOutcome Outcome, SuggestionEntity Suggestion);
