namespace TeamsLearningBot.Recognition.Suggestions;

public enum SuggestionStatus
{
    Pending,
    Approved,
    Rejected,
}
