using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// Approve and Reject on a suggestion card, pressed in a facilitator's 1:1 chat or on the
/// <c>suggestions</c> list in a channel. The card names its team; the presser must facilitate it.
/// </summary>
public sealed partial class SuggestionActionHandler(
    SuggestionDecider decisions,
    TeamStore teams,
    FacilitatorPolicy facilitators,
    ILogger<SuggestionActionHandler> logger) : IActivityHandler
{
    public static bool Selects(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Message
            && Read(activity, "verb") is { } verb
            && verb.StartsWith(SuggestionVerbs.Prefix, StringComparison.Ordinal);
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var verb = Read(activity, "verb");
        var teamId = Read(activity, SuggestionVerbs.TeamKey);
        if (teamId is null || !SuggestionIds.TryParse(Read(activity, SuggestionVerbs.SuggestionKey), out var number)
            || (activity.TeamId is { } here && here != teamId))
        {
            // Not a card this version sent (or one missing its data): nothing sensible to do.
            LogUnknown(logger);
            return null;
        }

        var team = await teams.GetAsync(teamId, cancellationToken);
        if (team is null || !string.Equals(team.TenantId, activity.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            LogUnknown(logger);
            return null;
        }

        if (!await facilitators.IsFacilitatorAsync(teamId, activity.From, cancellationToken))
        {
            await turn.ReplyAsync(await facilitators.RefusalAsync(teamId, "approve or reject suggestions", cancellationToken), cancellationToken);
            return null;
        }

        var value = activity.Value!.Value;
        switch (verb)
        {
            case SuggestionVerbs.Approve:
                await decisions.ApproveAsync(turn, team, number, value, cancellationToken);
                break;
            case SuggestionVerbs.Reject:
                await decisions.RejectAsync(turn, team, number, value, cancellationToken);
                break;
            default:
                LogUnknown(logger);
                break;
        }

        return null;
    }

    private static string? Read(Activity activity, string name) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty(name, out var property)
        && property.ValueKind == JsonValueKind.String
            ? property.GetString()
            : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Suggestion card action not understood; ignored")]
    private static partial void LogUnknown(ILogger logger);
}
