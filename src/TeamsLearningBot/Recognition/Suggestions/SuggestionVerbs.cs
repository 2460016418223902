namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// The <c>verb</c> of the decision buttons' submit data, which also names the team and the
/// suggestion: a card sent to a facilitator's 1:1 chat carries no team of its own.
/// </summary>
public static class SuggestionVerbs
{
    public const string Prefix = "suggestion.";
    public const string Approve = "suggestion.approve";
    public const string Reject = "suggestion.reject";
    public const string TeamKey = "team";
    public const string SuggestionKey = "suggestion";
}
