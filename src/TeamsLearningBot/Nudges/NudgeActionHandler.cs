using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// The nudge's buttons in the learner's 1:1 chat: Share (recorded exactly as from the drop's card,
/// by the same recorder, on the card the learner's own nudge record names — never on one the
/// action's data names), "Not now" and "Stop these". They arrive as an <c>adaptiveCard/action</c>
/// invoke, or as a Submit message from clients without Universal Actions.
/// </summary>
public sealed partial class NudgeActionHandler(
    NudgeStore store,
    ReflectionRecorder recorder,
    LearnerKeys keys,
    IOptions<NudgeOptions> options,
    TimeProvider time,
    ILogger<NudgeActionHandler> logger) : IActivityHandler
{
    private const string NotMine = "This nudge is not one I can take answers on any more.";

    public static bool SelectsInvoke(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.IsInvoke && activity.Name == ReflectionActionHandler.InvokeName && NudgeVerbs.IsNudgeVerb(CardInputs.VerbOf(activity));
    }

    public static bool SelectsSubmit(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Message && activity.Value is { ValueKind: JsonValueKind.Object } && NudgeVerbs.IsNudgeVerb(CardInputs.VerbOf(activity));
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var invoke = activity.IsInvoke;
        var inputs = (invoke ? CardInputs.FromInvoke(activity) : CardInputs.FromSubmit(activity))!;
        var data = invoke ? InvokeData(activity) : activity.Value;
        var learnerKey = keys.KeyOf(activity);
        var reference = Reference(data);
        var record = learnerKey is null || reference is null
            ? null
            : await store.GetRecordAsync(learnerKey, NudgeRecord.RowFor(reference.Team, reference.Drop, reference.Occurrence), cancellationToken);
        if (record is null || learnerKey is null || record.State != NudgeStates.Sent && record.State != NudgeStates.Unconfirmed)
        {
            return await AnswerAsync(turn, null, NotMine, cancellationToken);
        }

        LogAction(logger, inputs.Verb ?? string.Empty);
        var now = time.GetUtcNow();
        switch (inputs.Verb)
        {
            case NudgeVerbs.NotNow:
                var days = options.Value.SnoozeDays;
                await store.ChangeStateAsync(learnerKey, s =>
                {
                    s.SnoozedUntil = now.AddDays(days);

                    // Choosing is a reaction: it does not count towards the automatic stop.
                    s.LastAnswered = true;
                    s.Unanswered = 0;
                    return true;
                }, cancellationToken);
                return await AnswerAsync(turn, NudgeCard.Snoozed(days), null, cancellationToken);

            case NudgeVerbs.Stop:
                await StopAsync(store, learnerKey, cancellationToken);
                return await AnswerAsync(turn, NudgeCard.Stopped(), null, cancellationToken);

            default:
                return await ShareAsync(turn, inputs, learnerKey, record, cancellationToken);
        }
    }

    /// <summary>Off for good, in every team, until <c>start nudges</c>.</summary>
    public static Task StopAsync(NudgeStore store, string learnerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ChangeStateAsync(learnerKey, s =>
        {
            s.Stopped = true;
            return true;
        }, cancellationToken);
    }

    private async Task<InvokeResponse?> ShareAsync(TurnContext turn, CardInputs inputs, string learnerKey, NudgeRecord record, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (string.IsNullOrEmpty(activity.Id))
        {
            return await AnswerAsync(turn, null, NotMine, cancellationToken);
        }

        var text = ReflectionText.Normalize(inputs.Text);
        var problem = ReflectionActions.Check(text, inputs.Rating, out var rating);
        if (problem is not null)
        {
            return await AnswerAsync(turn, null, problem, cancellationToken);
        }

        var result = await recorder.RecordAsync(
            new ReflectionSubmission
            {
                Post = new PostKey(record.ChannelId, record.RootId),
                SourceId = activity.Id,
                Origin = ReflectionOrigin.Card,
                Text = text,
                Rating = rating,
                Anonymous = inputs.Anonymous && record.AnonymousAllowed,
                LearnerKey = learnerKey,
                AuthorId = activity.From?.Id,
                AuthorAadObjectId = activity.From?.AadObjectId,
                AuthorName = activity.From?.Name,
                TenantId = activity.TenantId,
                ServiceUrl = activity.ServiceUrl,
            },
            cancellationToken);
        if (result.Status == RecordStatus.NotADrop || result.Post is null)
        {
            return await AnswerAsync(turn, null, "That drop's card is gone, so I couldn't add this to it.", cancellationToken);
        }

        return await AnswerAsync(turn, NudgeCard.Thanks(ReflectionPostOpener.ItemOf(result.Post).Title, text.Length > 0), null, cancellationToken);
    }

    /// <summary>An invoke is answered with the card that replaces the nudge (or an error the client shows); a Submit with a message.</summary>
    private static async Task<InvokeResponse?> AnswerAsync(TurnContext turn, AdaptiveCard? card, string? problem, CancellationToken cancellationToken)
    {
        if (turn.Activity.IsInvoke)
        {
            return card is not null ? CardActionResponses.Card(card) : CardActionResponses.Error(400, "BadRequest", problem ?? NotMine);
        }

        if (card is not null)
        {
            await turn.ReplyAsync(card.ToAttachment(), cancellationToken);
        }
        else
        {
            await turn.ReplyAsync(problem ?? NotMine, cancellationToken);
        }

        return null;
    }

    private static JsonElement? InvokeData(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("action", out var action)
        && action.ValueKind == JsonValueKind.Object
        && action.TryGetProperty("data", out var data)
            ? data
            : null;

    private static NudgeActionData? Reference(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Object } d)
        {
            return null;
        }

        var team = d.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var occurrence = d.TryGetProperty("occurrence", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
        int? drop = d.TryGetProperty("drop", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var number) ? number
            : n.ValueKind == JsonValueKind.String && int.TryParse(n.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : null;
        return string.IsNullOrEmpty(team) || string.IsNullOrEmpty(occurrence) || drop is null ? null : new NudgeActionData(team, drop.Value, occurrence);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Nudge action {Verb}")]
    private static partial void LogAction(ILogger logger, string verb);
}

/// <summary>The card actions of a nudge, answered in the learner's 1:1 chat.</summary>
public static class NudgeVerbs
{
    public const string Reflect = "nudge.reflect";
    public const string NotNow = "nudge.notnow";
    public const string Stop = "nudge.stop";

    public static bool IsNudgeVerb(string? verb) => verb is Reflect or NotNow or Stop;
}

/// <summary>What a nudge's buttons carry: which nudge (the learner's own record names the card).</summary>
public sealed record NudgeActionData(string Team, int Drop, string Occurrence);
