namespace TeamsLearningBot.Nudges;

/// <summary>What a worker did with one nudge job.</summary>
public enum NudgeOutcome
{
    Sent,

    /// <summary>This nudge was claimed before (another worker or instance, or an earlier delivery of the job).</summary>
    AlreadyHandled,

    /// <summary>Too early (the drop's first day, or outside the learner's working hours): the job comes back later.</summary>
    Deferred,

    /// <summary>Not for this person now (stopped, snoozed, capped, contributed, not in the "Not yet" tier, …).</summary>
    Skipped,

    /// <summary>Teams refused the 1:1 message for good: recorded, not tried again for a long while.</summary>
    Unreachable,

    /// <summary>Unanswered too often: the bot stopped and said so, once.</summary>
    AutoStopped,

    /// <summary>Teams answered with an error: the job comes back with a back-off.</summary>
    Retrying,

    /// <summary>No answer from Teams (it may have arrived): recorded and not sent again.</summary>
    Unconfirmed,

    Failed,
    Malformed,
}
