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

/// <summary>
/// The data a reflection action carries (Teams merges the card's inputs in). <see cref="OnCard"/>
/// is set when the action sits on a drop's card, so a listing shown there can lead back to it.
/// <see cref="Occurrence"/> names the drop's occurrence on the card itself, so an action there can
/// confirm a post its worker left unconfirmed (<see cref="Drops.PostStore.ConfirmAsync"/>).
/// </summary>
public sealed record CardActionData(string Drop, int Item, int? Page = null, bool? OnCard = null, string? Occurrence = null);
