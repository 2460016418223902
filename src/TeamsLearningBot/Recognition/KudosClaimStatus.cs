namespace TeamsLearningBot.Recognition;

public enum KudosClaimStatus
{
    Claimed,
    AlreadyGiven,
    LimitReached,
}
