using TeamsLearningBot.Content;

namespace TeamsLearningBot.Content;

/// <summary>What a content card shows, and where it was posted.</summary>
public sealed record ContentCardModel
{
    public required ContentItem Item { get; init; }

    /// <summary>The reflection prompt chosen for this occurrence (items may have several).</summary>
    public string? Prompt { get; init; }

    public required ContentCardReference Reference { get; init; }

    /// <summary>Reflections on this drop are shown without names.</summary>
    public bool Anonymous { get; init; }
}
