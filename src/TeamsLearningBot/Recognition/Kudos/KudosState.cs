namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>Where a kudos' card is: being sent, sent, or to be sent again (Teams refused it, so nothing was posted).</summary>
public enum KudosState
{
    Sending,
    Posted,
    Pending,
}
