namespace TeamsLearningBot.Recognition.Badges;

/// <summary>How a commit of events went; for <see cref="LedgerOutcome.AlreadyProcessed"/>, which event's marker existed.</summary>
public readonly record struct LedgerCommit(LedgerOutcome Outcome, int ProcessedMarker = -1);
