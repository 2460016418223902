namespace TeamsLearningBot.Nudges;

/// <summary>Where a <see cref="NudgeRecord"/> stands. Only <see cref="Sending"/> and <see cref="Retrying"/> lead to a send.</summary>
public static class NudgeStates
{
    public const string Sending = "sending";
    public const string Retrying = "retrying";
    public const string Sent = "sent";

    /// <summary>Teams refused it for good, or it gave up after its attempts.</summary>
    public const string Failed = "failed";

    /// <summary>No answer from Teams (it may have arrived): not sent again.</summary>
    public const string Unconfirmed = "unconfirmed";

    /// <summary>The learner stopped or snoozed nudges while this one waited for another attempt.</summary>
    public const string Withdrawn = "withdrawn";

    public static bool IsFinal(string state) => state is Sent or Failed or Unconfirmed or Withdrawn;
}
