namespace TeamsLearningBot.Recognition.Suggestions;

public enum SubmitOutcome
{
    Stored,

    /// <summary>The same <c>suggest</c> message again (a redelivery): the suggestion it stored.</summary>
    Redelivered,

    /// <summary>Someone already suggested the link and it awaits a decision: that suggestion.</summary>
    AlreadyPending,
}
