namespace TeamsLearningBot.Nudges;

/// <summary>How a reservation of a nudge went.</summary>
public enum ReserveResult
{
    Reserved,

    /// <summary>The nudge's record exists: another worker, instance or delivery has it.</summary>
    AlreadyClaimed,

    /// <summary>The learner's state changed since it was read: read again and decide again.</summary>
    StateChanged,
}
