using System.Net;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Posts one queued job (one occurrence of a drop to one channel, as a new thread) exactly once, by a
/// two-phase delivery row in table <c>Posts</c>; when in doubt it does not post again.
/// The claim, the doubt and the retries: docs/architecture.md, "Drops: exactly-once delivery".
/// </summary>
public sealed partial class DropJobProcessor(
    DropJobMessages queue,
    PostStore posts,
    DropStopCheck stops,
    ReflectionPostOpener reflections,
    Insights.InsightsStore insights,
    Nudges.NudgePlanner nudges,
    ConnectorClient connector,
    IOptions<DropOptions> options,
    TimeProvider time,
    ILogger<DropJobProcessor> logger)
{
    private const int MaxConflicts = 5;

    public async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var job = DropJob.FromMessage(message.MessageText);
        if (job is null)
        {
            LogMalformed(logger, message.MessageId);
            await queue.DeleteAsync(message, cancellationToken);
            return;
        }

        // A first delivery goes straight for the claim; only a redelivery has a row worth reading first.
        var delivery = message.DequeueCount > 1 ? await posts.GetDeliveryAsync(job, cancellationToken) : null;
        for (var conflicts = 0; conflicts < MaxConflicts; conflicts++)
        {
            var now = time.GetUtcNow();
            switch (delivery?.State)
            {
                case DeliveryState.Posted when !string.IsNullOrEmpty(delivery.ActivityId):
                    // Its worker may have stopped after the record, before the notes that follow it and the
                    // delete: they are made again (each is idempotent), so the card, insights' count of
                    // posts and the nudge plan are never lost to a crash there.
                    await NoteAsync(job, PostOf(job, delivery), cancellationToken);
                    await queue.DeleteAsync(message, cancellationToken);
                    return;

                case DeliveryState.Posted or DeliveryState.Unconfirmed or DeliveryState.Failed or DeliveryState.Stopped:
                    await queue.DeleteAsync(message, cancellationToken);
                    return;

                case DeliveryState.Sending when now - delivery.SendingSince < options.Value.VisibilityTimeout:
                    // Another worker holds the post right now; look again once its claim could have expired.
                    await queue.DelayAsync(message, options.Value.VisibilityTimeout - (now - delivery.SendingSince!.Value), cancellationToken);
                    return;

                case DeliveryState.Sending:
                    var settled = await posts.TryRecordOutcomeAsync(job, delivery, DeliveryState.Unconfirmed, Reasons.Interrupted, now, cancellationToken);
                    if (settled is not null)
                    {
                        LogUnconfirmed(logger, job.DropNumber, job.OccurrenceId);
                        await queue.DeleteAsync(message, cancellationToken);
                        return;
                    }

                    break;

                default:
                    // Posts tried count against MaxAttempts; deliveries that failed before a post (storage) only against MaxDeliveries.
                    if ((delivery?.Attempts ?? 0) >= options.Value.MaxAttempts || message.DequeueCount > options.Value.MaxDeliveries)
                    {
                        var reason = Reasons.GaveUp(Math.Max(delivery?.Attempts ?? 0, message.DequeueCount - 1), delivery?.Reason);
                        if (await posts.TryRecordOutcomeAsync(job, delivery, DeliveryState.Failed, reason, now, cancellationToken) is not null)
                        {
                            LogFailed(logger, job.DropNumber, job.OccurrenceId, 0);
                            await queue.DeleteAsync(message, cancellationToken);
                            return;
                        }

                        break;
                    }

                    if (await stops.StoppedAsync(job.TeamId, job.DropNumber, cancellationToken) is { } stopped)
                    {
                        if (await posts.TryRecordOutcomeAsync(job, delivery, DeliveryState.Stopped, Reasons.Stopped(stopped), now, cancellationToken) is not null)
                        {
                            await queue.DeleteAsync(message, cancellationToken);
                            return;
                        }

                        break;
                    }

                    var sending = await posts.TryClaimSendAsync(job, delivery, now, cancellationToken);
                    if (sending is not null)
                    {
                        await PostAsync(message, job, sending, cancellationToken);
                        return;
                    }

                    break;
            }

            // Someone changed the row between our read and our write; decide again on fresh data.
            delivery = await posts.GetDeliveryAsync(job, cancellationToken);
        }
    }

    private async Task PostAsync(QueueMessage message, DropJob job, Delivery sending, CancellationToken cancellationToken)
    {
        Attachment card;
        try
        {
            card = ReflectionCard.Build(
                new ContentCardModel
                {
                    Item = job.Item,
                    Prompt = job.Prompt,
                    Reference = new ContentCardReference(job.TeamId, job.DropNumber, job.OccurrenceId, job.ChannelId),
                    Anonymous = job.Anonymous,
                },
                ReflectionTotals.None).ToAttachment();
        }
        catch (CardTooLargeException e)
        {
            await FailAsync(message, job, sending, e.Message, 0, cancellationToken);
            return;
        }

        var activity = new Activity { Type = ActivityTypes.Message, Summary = job.Item.Title, Attachments = [card] };
        var bot = new ChannelAccount { Id = job.BotId, Name = job.BotName };
        ConversationResourceResponse response;
        try
        {
            response = await connector.CreateConversationAsync(
                job.ServiceUrl,
                ConversationParameters.ForChannelThread(job.ChannelId, job.TenantId, bot, activity),
                cancellationToken);
        }
        catch (ConnectorException e) when (IsPermanent(e.StatusCode))
        {
            await FailAsync(message, job, sending, Reasons.Refused(e.StatusCode, e.ErrorCode), (int)e.StatusCode, cancellationToken);
            return;
        }
        catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
        {
            // A gateway gave up waiting for Teams, which may have posted it all the same.
            await SettleUnconfirmedAsync(message, job, sending, Reasons.GatewayNoAnswer(e.StatusCode), e, cancellationToken);
            return;
        }
        catch (ConnectorException e)
        {
            // Teams answered with an error, so nothing was posted: safe to try again.
            await RetryAsync(message, job, sending, Reasons.Transient(e.StatusCode, e.ErrorCode), cancellationToken);
            return;
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            // The request never left: safe to try again.
            await RetryAsync(message, job, sending, Reasons.Unreachable, cancellationToken);
            return;
        }
        catch (Microsoft.Identity.Client.MsalException)
        {
            // The bot's token could not be had, so the request never reached Teams: safe to try again.
            await RetryAsync(message, job, sending, Reasons.NoToken, cancellationToken);
            return;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // No answer (timeout, connection lost mid-request): Teams may have posted it.
            await SettleUnconfirmedAsync(message, job, sending, Reasons.NoAnswer, e, cancellationToken);
            return;
        }

        var activityId = response?.ActivityId ?? ThreadIds.RootMessageOf(response?.Id) ?? string.Empty;
        var post = PostOf(job, activityId, response?.Id ?? (activityId.Length > 0 ? ThreadIds.Thread(job.ChannelId, activityId) : job.ChannelId), time.GetUtcNow());

        // Recorded first: a card opened for reflections is then always a post recorded as posted (a card
        // whose post was left unconfirmed has no row, and the first action on it confirms the post).
        await posts.RecordPostedAsync(sending, post, cancellationToken);

        await NoteAsync(job, post, cancellationToken);
        LogPosted(logger, job.DropNumber, job.OccurrenceId, sending.Attempts);
        await queue.DeleteAsync(message, cancellationToken);
    }

    /// <summary>
    /// What follows a recorded post: the card is opened for reflections (one more write), so no
    /// reflection pays for finding its post; noted for insights (which weeks had a drop, posts per
    /// item); and planned for nudges a day on. Each is idempotent, so a redelivery may repeat them.
    /// </summary>
    private Task NoteAsync(DropJob job, DropPost post, CancellationToken cancellationToken) =>
        post.ActivityId.Length == 0
            ? Task.CompletedTask
            : Task.WhenAll(
                reflections.OpenAsync(post, job.Item, job.ServiceUrl, cancellationToken),
                insights.NotePostAsync(job.TeamId, Insights.InsightsWeeks.Of(post.PostedAt), job.ChannelId, post.ActivityId, job.ContentNumber, post.PostedAt, cancellationToken),
                nudges.NotePostedAsync(post, job, cancellationToken));

    private static DropPost PostOf(DropJob job, Delivery posted) =>
        PostOf(job, posted.ActivityId!, posted.ThreadConversationId ?? ThreadIds.Thread(job.ChannelId, posted.ActivityId!), posted.UpdatedAt);

    private static DropPost PostOf(DropJob job, string activityId, string threadConversationId, DateTimeOffset postedAt) => new()
    {
        ChannelId = job.ChannelId,
        ActivityId = activityId,
        ThreadConversationId = threadConversationId,
        TeamId = job.TeamId,
        DropNumber = job.DropNumber,
        OccurrenceId = job.OccurrenceId,
        ContentNumber = job.ContentNumber,
        Prompt = job.Prompt,
        Anonymous = job.Anonymous,
        PostedAt = postedAt,
    };

    private async Task FailAsync(QueueMessage message, DropJob job, Delivery sending, string reason, int statusCode, CancellationToken cancellationToken)
    {
        await posts.TryRecordOutcomeAsync(job, sending, DeliveryState.Failed, reason, time.GetUtcNow(), cancellationToken);
        LogFailed(logger, job.DropNumber, job.OccurrenceId, statusCode);
        await queue.DeleteAsync(message, cancellationToken);
    }

    /// <summary>Teams may have posted it: recorded as unconfirmed and not sent again (see the class comment).</summary>
    private async Task SettleUnconfirmedAsync(QueueMessage message, DropJob job, Delivery sending, string reason, Exception failure, CancellationToken cancellationToken)
    {
        await posts.TryRecordOutcomeAsync(job, sending, DeliveryState.Unconfirmed, reason, time.GetUtcNow(), cancellationToken);
        LogNoAnswer(logger, failure, job.DropNumber, job.OccurrenceId);
        await queue.DeleteAsync(message, cancellationToken);
    }

    private async Task RetryAsync(QueueMessage message, DropJob job, Delivery sending, string reason, CancellationToken cancellationToken)
    {
        if (sending.Attempts >= options.Value.MaxAttempts || message.DequeueCount >= options.Value.MaxDeliveries)
        {
            await FailAsync(message, job, sending, Reasons.GaveUp(Math.Max(sending.Attempts, message.DequeueCount), reason), 0, cancellationToken);
            return;
        }

        await posts.TryRecordOutcomeAsync(job, sending, DeliveryState.Retrying, reason, time.GetUtcNow(), cancellationToken);
        LogRetrying(logger, job.DropNumber, job.OccurrenceId, message.DequeueCount);
        await queue.DelayAsync(message, options.Value.BackOff(message.DequeueCount), cancellationToken);
    }

    // The request is wrong or the bot lost access: another attempt would get the same answer.
    private static bool IsPermanent(HttpStatusCode status) => status is
        HttpStatusCode.BadRequest or
        HttpStatusCode.Forbidden or
        HttpStatusCode.NotFound or
        HttpStatusCode.Gone or
        HttpStatusCode.RequestEntityTooLarge;

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop {DropNumber} occurrence {OccurrenceId} posted to a channel (attempt {Attempt})")]
    private static partial void LogPosted(ILogger logger, int dropNumber, string occurrenceId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop {DropNumber} occurrence {OccurrenceId}: post failed for good (status {StatusCode})")]
    private static partial void LogFailed(ILogger logger, int dropNumber, string occurrenceId, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop {DropNumber} occurrence {OccurrenceId}: transient failure, retrying (delivery {DequeueCount})")]
    private static partial void LogRetrying(ILogger logger, int dropNumber, string occurrenceId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop {DropNumber} occurrence {OccurrenceId}: a worker stopped mid-post; recorded as unconfirmed, not re-sent")]
    private static partial void LogUnconfirmed(ILogger logger, int dropNumber, string occurrenceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop {DropNumber} occurrence {OccurrenceId}: no answer from Teams; recorded as unconfirmed, not re-sent")]
    private static partial void LogNoAnswer(ILogger logger, Exception exception, int dropNumber, string occurrenceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue message {MessageId} is not a drop job; deleted")]
    private static partial void LogMalformed(ILogger logger, string messageId);
}
