namespace TeamsLearningBot.Nudges;

/// <summary>The card actions of a nudge, answered in the learner's 1:1 chat.</summary>
public static class NudgeVerbs
{
    public const string Reflect = "nudge.reflect";
    public const string NotNow = "nudge.notnow";
    public const string Stop = "nudge.stop";

    public static bool IsNudgeVerb(string? verb) => verb is Reflect or NotNow or Stop;
}
