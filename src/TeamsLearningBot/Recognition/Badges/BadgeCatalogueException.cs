namespace TeamsLearningBot.Recognition.Badges;

/// <summary>The badge catalogue file is not usable; the message lists every problem found.</summary>
public sealed class BadgeCatalogueException : Exception
{
    public BadgeCatalogueException()
    {
    }

    public BadgeCatalogueException(string message)
        : base(message)
    {
    }

    public BadgeCatalogueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
