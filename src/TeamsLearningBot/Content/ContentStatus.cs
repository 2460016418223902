namespace TeamsLearningBot.Content;

public enum ContentStatus
{
    Active,
    Archived,
}
