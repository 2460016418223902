namespace TeamsLearningBot.Drops;

public enum DropStatus
{
    Active,
    Paused,
    Cancelled,

    /// <summary>A one-off whose occurrence has been claimed.</summary>
    Completed,
}
