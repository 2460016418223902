namespace TeamsLearningBot.Recognition.Badges;

public enum LedgerOutcome
{
    Committed,

    /// <summary>An event's marker exists: it was counted before (a redelivery).</summary>
    AlreadyProcessed,

    /// <summary>The learner's rows changed since they were read: read again and retry.</summary>
    Conflict,
}
