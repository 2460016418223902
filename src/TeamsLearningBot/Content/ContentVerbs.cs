namespace TeamsLearningBot.Content;

/// <summary>
/// The <c>verb</c> in the data of the content cards' Action.Submit buttons. Submits arrive as
/// message activities whose <c>value</c> carries the verb; <see cref="ContentCardActionHandler"/> takes them.
/// </summary>
public static class ContentVerbs
{
    public const string Prefix = "content.";
    public const string Save = "content.save";
    public const string Edit = "content.edit";
    public const string List = "content.list";
    public const string UseSuggestion = "content.prompt.use";
    public const string KeepPrompt = "content.prompt.keep";
}
