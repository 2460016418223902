namespace TeamsLearningBot.Reflections;

/// <summary>Where a reflection was written.</summary>
public enum ReflectionOrigin
{
    /// <summary>In the card's form; the bot posts it into the thread.</summary>
    Card,

    /// <summary>As a reply in the drop's thread; Teams shows it already.</summary>
    Thread,
}
