using System.Globalization;
using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Content;

/// <summary>
/// The content cards' buttons. An Action.Submit arrives as a message whose <c>value</c> is the
/// button's data plus the card's inputs; the <c>verb</c> says which button. Anyone in the channel
/// can press a button, so everything but paging is checked against the facilitators again.
/// </summary>
public sealed partial class ContentCardActionHandler(
    ContentLibrary library,
    FacilitatorPolicy facilitators,
    ILogger<ContentCardActionHandler> logger) : IActivityHandler
{
    public static bool Selects(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Message
            && Verb(activity) is { } verb
            && verb.StartsWith(ContentVerbs.Prefix, StringComparison.Ordinal);
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var value = activity.Value!.Value;
        var verb = Verb(activity)!;
        if (activity.TeamId is not { } teamId)
        {
            await turn.ReplyAsync("The content library belongs to a team; use it in one of the team's channels.", cancellationToken);
            return null;
        }

        if (verb != ContentVerbs.List && !await facilitators.IsFacilitatorAsync(teamId, activity.From, cancellationToken))
        {
            await turn.ReplyAsync(await facilitators.RefusalAsync(teamId, "change the content library", cancellationToken), cancellationToken);
            return null;
        }

        var number = ItemNumber(value);
        switch (verb)
        {
            case ContentVerbs.Save when number is { } edited:
                LogAction(logger, verb);
                await library.SaveEditAsync(turn, teamId, edited, ContentInput.FromCardValue(value), cancellationToken);
                break;
            case ContentVerbs.Save:
                LogAction(logger, verb);
                await library.AddAsync(turn, teamId, ContentInput.FromCardValue(value), fromForm: true, cancellationToken);
                break;
            case ContentVerbs.Edit when number is { } item:
                LogAction(logger, verb);
                await library.SendEditFormAsync(turn, teamId, item, cancellationToken);
                break;
            case ContentVerbs.List:
                LogAction(logger, verb);
                var tag = ReadString(value, "tag");
                await library.ListAsync(turn, teamId, string.IsNullOrWhiteSpace(tag) ? null : tag, ReadInt(value, "page") ?? 1, cancellationToken);
                break;
            case ContentVerbs.UseSuggestion when number is { } item && ReadInt(value, "prompt") is { } prompt:
                LogAction(logger, verb);
                await library.UseSuggestionAsync(turn, teamId, item, prompt, cancellationToken);
                break;
            case ContentVerbs.KeepPrompt when number is { } item && ReadInt(value, "prompt") is { } prompt:
                LogAction(logger, verb);
                await library.KeepPromptAsync(turn, item, prompt, cancellationToken);
                break;
            default:
                // Not a card this version sent (or one missing its data): nothing sensible to do.
                LogUnknown(logger);
                break;
        }

        return null;
    }

    private static string? Verb(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value ? ReadString(value, "verb") : null;

    private static int? ItemNumber(JsonElement value) =>
        ReadString(value, "item") is { } id && ContentItem.TryParseId(id, out var number) ? number : null;

    private static string? ReadString(JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    private static int? ReadInt(JsonElement value, string name) =>
        !value.TryGetProperty(name, out var property) ? null
        : property.ValueKind == JsonValueKind.Number && property.TryGetInt32(out var n) ? n
        : property.ValueKind == JsonValueKind.String && int.TryParse(property.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s
        : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Content card action {Verb}")]
    private static partial void LogAction(ILogger logger, string verb);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Content card action not understood; ignored")]
    private static partial void LogUnknown(ILogger logger);
}

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
