namespace TeamsLearningBot.Reflections;

/// <summary>The card actions reflections answer, with the ids of the card's inputs.</summary>
public static class ReflectionVerbs
{
    public const string Reflect = "reflect";
    public const string Show = "reflections.show";
    public const string Back = "reflections.card";

    public const string TextInput = "reflection";
    public const string RatingInput = "relevance";
    public const string AnonymousInput = "anonymous";

    public static bool IsReflectionVerb(string? verb) => verb is Reflect or Show or Back;
}
