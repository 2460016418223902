namespace TeamsLearningBot.Recognition.Kudos;

public enum KudosClaimStatus
{
    Claimed,
    AlreadyGiven,
    LimitReached,
}
