namespace TeamsLearningBot.Drops;

/// <summary>Where an occurrence is between its claim and the queue.</summary>
public enum FanOutState
{
    /// <summary>Claimed; its jobs may not all be on the queue yet. A scheduler finishes it.</summary>
    Pending,

    /// <summary>Every channel's job is on the queue.</summary>
    Done,

    /// <summary>Nothing to post (e.g. a series ran out of items); see the occurrence's note.</summary>
    Skipped,
}
