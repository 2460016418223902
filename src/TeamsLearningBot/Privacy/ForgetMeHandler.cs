using TeamsLearningBot.Cards;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Privacy;

/// <summary>The confirmed <c>forget me</c>: runs every feature's eraser and reports what went.</summary>
public sealed partial class ForgetMeHandler(
    IEnumerable<IPersonalDataEraser> erasers,
    LearnerKeys keys,
    LearnerIndex index,
    ILogger<ForgetMeHandler> logger) : IActivityHandler
{
    public static bool Selects(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Message
            && activity.Value is { ValueKind: System.Text.Json.JsonValueKind.Object } value
            && value.TryGetProperty("verb", out var verb)
            && verb.ValueKind == System.Text.Json.JsonValueKind.String
            && verb.GetString() == ForgetMeSubmit.ConfirmVerb;
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var userId = activity.From?.Id;
        if (userId is null)
        {
            return null;
        }

        var tenantId = activity.TenantId ?? string.Empty;
        var subject = new PersonalDataSubject(tenantId, userId, activity.From?.AadObjectId, keys.For(tenantId, activity.From?.AadObjectId ?? userId));
        var counts = new List<(string Category, int Count)>();
        foreach (var eraser in erasers)
        {
            counts.Add((eraser.Category, await eraser.EraseAsync(subject, cancellationToken)));
        }

        // Last: the erasers found the learner's rows through these, and one that stopped midway finds them again next time.
        await index.RemoveTeamsAsync(subject.LearnerKey, cancellationToken);

        var total = counts.Sum(c => c.Count);
        LogForgotten(logger, total);
        var card = new AdaptiveCard()
            .Add(CardElement.Text("Done — you're forgotten.", TextStyle.Title))
            .Add(CardElement.Text(total == 0 ? "I had nothing stored about you (any more)." : "Here is what I deleted:"));
        if (total > 0)
        {
            card.Add(CardElement.Facts(counts.Where(c => c.Count > 0).Select(c => (c.Category, c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        }

        card.Add(CardElement.Text("If you talk to me again, I'll only keep what that needs.", TextStyle.Subtle));
        await turn.ReplyAsync(card.ToAttachment(), cancellationToken);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forget me: erased {Count} records")]
    private static partial void LogForgotten(ILogger logger, int count);
}

public sealed record ForgetMeSubmit(string Verb)
{
    public const string ConfirmVerb = "privacy.forget";
}
