namespace TeamsLearningBot.Content;

/// <summary>What <see cref="PromptCheck"/> thinks of a reflection prompt, and an open rewrite when it is closed.</summary>
public sealed record PromptCheckResult(bool IsClosed, string? Suggestion)
{
    public static PromptCheckResult Open { get; } = new(false, null);
}
