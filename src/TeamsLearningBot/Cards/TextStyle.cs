namespace TeamsLearningBot.Cards;

public enum TextStyle
{
    Body,
    Title,
    Heading,
    Subtle,
    Warning,
    Good,
}
