namespace TeamsLearningBot.Reflections;

public enum RecordStatus
{
    Recorded,

    /// <summary>The same activity was stored before (a redelivery); nothing changed.</summary>
    Duplicate,

    /// <summary>A rating equal to the learner's current one; nothing changed.</summary>
    Unchanged,

    Edited,

    Removed,

    /// <summary>The thread or card is not a drop's.</summary>
    NotADrop,
}
