namespace TeamsLearningBot.Reflections;

public enum CommitOutcome
{
    Committed,

    /// <summary>The card's totals changed since they were read: read again and retry.</summary>
    Conflict,

    /// <summary>The reflection is stored already (a redelivered activity).</summary>
    Duplicate,

    /// <summary>The participant row assumed new exists: read it and retry.</summary>
    ParticipantExists,
}
