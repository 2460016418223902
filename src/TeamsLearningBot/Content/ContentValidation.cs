namespace TeamsLearningBot.Content;

/// <summary>The outcome of <see cref="ContentValidator.Validate"/>: a draft, or what to fix.</summary>
public sealed record ContentValidation(ContentDraft? Draft, IReadOnlyList<string> Errors)
{
    public bool IsValid => Draft is not null;
}
