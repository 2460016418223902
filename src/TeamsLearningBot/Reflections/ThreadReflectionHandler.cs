using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Replies in a drop's thread are reflections too: a reply is stored (bot mention stripped, as
/// text), an edit updates it, a delete removes it. Replies that @mention the bot are commands
/// and go to the command table instead; replies in threads that are not drops are ignored.
/// Receiving replies without a mention needs the RSC permission <c>ChannelMessage.Read.Group</c>.
/// </summary>
public sealed partial class ThreadReflectionHandler(
    ReflectionRecorder recorder,
    ReflectionStore store,
    ReflectionPostOpener posts,
    LearnerKeys learners,
    ILogger<ThreadReflectionHandler> logger) : IActivityHandler
{
    public static bool SelectsReply(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Message
            && activity.Value is null
            && IsHumanThreadReply(activity)
            && !MentionsBot(activity);
    }

    public static bool SelectsEdit(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.MessageUpdate
            && activity.ChannelData?.EventType is TeamsEventTypes.EditMessage or TeamsEventTypes.UndeleteMessage
            && IsHumanThreadReply(activity)
            && !MentionsBot(activity);
    }

    public static bool SelectsDelete(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.MessageDelete
            && activity.ChannelData?.EventType == TeamsEventTypes.SoftDeleteMessage
            && PostKey.OfThreadReply(activity) is not null;
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var key = PostKey.OfThreadReply(activity)!;
        if (activity.Type == ActivityTypes.MessageDelete)
        {
            var removed = await recorder.RemoveAsync(key, activity.Id!, cancellationToken);
            LogResult(logger, activity.Type, removed.Status);
            return null;
        }

        var learnerKey = learners.KeyOf(activity);
        if (learnerKey is null)
        {
            return null;
        }

        var text = ReflectionText.FromTeamsMessage(activity.TextWithoutBotMention());
        var problem = Problem(activity, text);
        if (problem is not null)
        {
            // Only in a drop's thread: elsewhere the bot has no business commenting.
            if (activity.Type == ActivityTypes.Message && await IsDropThreadAsync(key, cancellationToken))
            {
                await ThreadNotice.SendAsync(turn, problem, cancellationToken);
            }

            return null;
        }

        var submission = new ReflectionSubmission
        {
            Post = key,
            SourceId = activity.Id!,
            Origin = ReflectionOrigin.Thread,
            Text = text,
            LearnerKey = learnerKey,
            AuthorId = activity.From?.Id,
            AuthorAadObjectId = activity.From?.AadObjectId,
            AuthorName = activity.From?.Name,
            TenantId = activity.TenantId,
            ServiceUrl = activity.ServiceUrl,
            ChannelType = activity.ChannelData?.Channel?.Type,
        };
        var result = activity.Type == ActivityTypes.MessageUpdate
            ? await recorder.EditAsync(submission, cancellationToken)
            : text.Length == 0 ? null : await recorder.RecordAsync(submission, cancellationToken);
        if (result is not null)
        {
            LogResult(logger, activity.Type, result.Status);
        }

        return null;
    }

    private static string? Problem(Activity activity, string text)
    {
        if (text.Length > ReflectionText.MaxLength)
        {
            return $"That reply is longer than {ReflectionText.MaxLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters, so I didn't keep it as a reflection. A shorter version (or two replies) will count.";
        }

        var hasFiles = activity.Attachments?.Any(a => a.ContentType is not ("text/html" or "text/plain")) == true;
        return text.Length == 0 && hasFiles && activity.Type == ActivityTypes.Message
            ? "I can only keep text as a reflection. Add a few words about what you shared and it will count."
            : null;
    }

    private async Task<bool> IsDropThreadAsync(PostKey key, CancellationToken cancellationToken) =>
        await store.GetPostAsync(key, cancellationToken) is not null || await posts.FindAndOpenAsync(key, null, cancellationToken) is not null;

    private static bool IsHumanThreadReply(Activity activity) =>
        activity.Conversation?.ConversationType == "channel"
        && PostKey.OfThreadReply(activity) is not null
        && !string.IsNullOrEmpty(activity.Id)
        && activity.From?.Id is { } from
        && !from.StartsWith("28:", StringComparison.Ordinal)
        && !string.Equals(from, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase);

    private static bool MentionsBot(Activity activity) =>
        activity.MentionEntities().Any(m => string.Equals(m.Mentioned?.Id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Thread {ActivityType}: {Status}")]
    private static partial void LogResult(ILogger logger, string activityType, RecordStatus status);
}
