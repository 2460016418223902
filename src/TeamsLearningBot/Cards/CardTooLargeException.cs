namespace TeamsLearningBot.Cards;

/// <summary>A card whose JSON would exceed what Teams accepts in one message.</summary>
public sealed class CardTooLargeException(int bytes)
    : Exception($"The card is {bytes / 1024} KB; Teams accepts at most {AdaptiveCard.MaxPayloadBytes / 1024} KB.")
{
    public int Bytes { get; } = bytes;
}
