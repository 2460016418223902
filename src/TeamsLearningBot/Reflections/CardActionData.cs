namespace TeamsLearningBot.Reflections;

/// <summary>
/// The data a reflection action carries (Teams merges the card's inputs in). <see cref="OnCard"/>
/// is set when the action sits on a drop's card, so a listing shown there can lead back to it.
/// </summary>
public sealed record CardActionData(string Drop, int Item, int? Page = null, bool? OnCard = null);
