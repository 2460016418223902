namespace TeamsLearningBot.Content;

/// <summary>
/// What a save did. <see cref="Item"/> is the item as stored when saved, the item that already
/// holds the URL for <see cref="ContentSaveOutcome.DuplicateUrl"/>, and null when not found.
/// </summary>
public sealed record ContentSaveResult(ContentSaveOutcome Outcome, ContentItem? Item)
{
    public static ContentSaveResult NotFound { get; } = new(ContentSaveOutcome.NotFound, null);
}
