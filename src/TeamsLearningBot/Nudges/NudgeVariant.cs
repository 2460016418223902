namespace TeamsLearningBot.Nudges;

public enum NudgeVariant
{
    /// <summary>Someone who has not contributed yet: an easy way in.</summary>
    GettingStarted,

    /// <summary>Someone who contributed in the period before and went quiet: what changed since.</summary>
    MissedYou,
}
