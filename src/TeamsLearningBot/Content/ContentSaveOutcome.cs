namespace TeamsLearningBot.Content;

public enum ContentSaveOutcome
{
    Saved,

    /// <summary>Another item of the library already links to the URL; nothing was written.</summary>
    DuplicateUrl,

    NotFound,
}
