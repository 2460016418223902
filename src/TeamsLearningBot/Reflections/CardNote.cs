namespace TeamsLearningBot.Reflections;

/// <summary>
/// What a refreshed card tells the one person who acted on it: a thank-you or what was wrong,
/// their rating, and the text to keep in the input when it was not accepted.
/// </summary>
public sealed record CardNote(string Message, bool IsProblem = false)
{
    public int? Rating { get; init; }

    public string? KeptText { get; init; }

    public bool? Anonymous { get; init; }
}
