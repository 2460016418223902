namespace TeamsLearningBot.Commands;

public enum CommandAudience
{
    Everyone,
    Facilitators,
}
