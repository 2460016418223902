using System.Net;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Posts one queued job: one occurrence of a drop to one channel, as a new thread.
/// <para>
/// Exactly once, by a two-phase delivery row. Before posting, the worker claims the post by
/// inserting a <see cref="DeliveryState.Sending"/> row (conditional: one worker wins); after
/// Teams answers it records <see cref="DeliveryState.Posted"/> with the activity and thread ids.
/// A redelivered message that finds a final row only deletes itself. One that finds a
/// "sending" row younger than the visibility timeout waits (its holder is still at work); an
/// older one means the holder died mid-post, and since the Bot Connector has no way to ask
/// whether a post arrived, that case is settled as <see cref="DeliveryState.Unconfirmed"/> and
/// <b>not</b> posted again: at most once when in doubt, because a duplicate card in a channel
/// costs more than a missing one that the delivery status reports.
/// </para>
/// <para>
/// Doubt is kept narrow: an error answer from Teams (429, 5xx, 4xx) or a connection that never
/// opened means nothing was posted, so the claim is handed back (<see cref="DeliveryState.Retrying"/>)
/// and the queue brings the job back with a back-off. 400/403/404/413 are permanent and recorded as
/// <see cref="DeliveryState.Failed"/> at once; anything else fails after <see cref="DropOptions.MaxAttempts"/>.
/// </para>
/// </summary>
public sealed partial class DropJobProcessor(
    DropJobs queue,
    DeliveryStore deliveries,
    PostStore posts,
    ReflectionPosts reflections,
    TeamStore teams,
    ContentStore content,
    ConnectorClient connector,
    IOptions<DropOptions> options,
    TimeProvider time,
    ILogger<DropJobProcessor> logger)
{
    private const int MaxConflicts = 5;
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromHours(1);

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

        var delivery = await deliveries.GetAsync(job, cancellationToken);
        for (var conflicts = 0; conflicts < MaxConflicts; conflicts++)
        {
            var now = time.GetUtcNow();
            switch (delivery?.State)
            {
                case DeliveryState.Posted:
                    // A redelivery after a crash between recording and deleting: make sure the post is findable.
                    await RecordPostAsync(job, delivery, cancellationToken);
                    await queue.DeleteAsync(message, cancellationToken);
                    return;

                case DeliveryState.Unconfirmed or DeliveryState.Failed:
                    await queue.DeleteAsync(message, cancellationToken);
                    return;

                case DeliveryState.Sending when now - delivery.SendingSince < options.Value.VisibilityTimeout:
                    // Another worker holds the post right now; look again once its claim could have expired.
                    await queue.DelayAsync(message, options.Value.VisibilityTimeout - (now - delivery.SendingSince!.Value), cancellationToken);
                    return;

                case DeliveryState.Sending:
                    var settled = await deliveries.TryRecordOutcomeAsync(job, delivery, DeliveryState.Unconfirmed, Reasons.Interrupted, now, cancellationToken);
                    if (settled is not null)
                    {
                        LogUnconfirmed(logger, job.DropNumber, job.OccurrenceId);
                        await queue.DeleteAsync(message, cancellationToken);
                        return;
                    }

                    break;

                default:
                    if (message.DequeueCount > options.Value.MaxAttempts)
                    {
                        var reason = Reasons.GaveUp(message.DequeueCount - 1, delivery?.Reason);
                        if (await deliveries.TryRecordOutcomeAsync(job, delivery, DeliveryState.Failed, reason, now, cancellationToken) is not null)
                        {
                            LogFailed(logger, job.DropNumber, job.OccurrenceId, 0);
                            await queue.DeleteAsync(message, cancellationToken);
                            return;
                        }

                        break;
                    }

                    var sending = await deliveries.TryClaimSendAsync(job, delivery, now, cancellationToken);
                    if (sending is not null)
                    {
                        await PostAsync(message, job, sending, cancellationToken);
                        return;
                    }

                    break;
            }

            // Someone changed the row between our read and our write; decide again on fresh data.
            delivery = await deliveries.GetAsync(job, cancellationToken);
        }
    }

    private async Task PostAsync(QueueMessage message, DropJob job, Delivery sending, CancellationToken cancellationToken)
    {
        var team = await teams.GetAsync(job.TeamId, cancellationToken);
        if (team is not { IsActive: true })
        {
            await FailAsync(message, job, sending, Reasons.TeamGone, 0, cancellationToken);
            return;
        }

        var item = await content.GetAsync(job.TeamId, job.ContentNumber, cancellationToken);
        if (item is not { Status: ContentStatus.Active })
        {
            await FailAsync(message, job, sending, Reasons.ItemGone(job.ContentNumber), 0, cancellationToken);
            return;
        }

        Attachment card;
        try
        {
            card = ReflectionCard.Build(
                new ContentCardModel
                {
                    Item = item,
                    Prompt = job.Prompt,
                    Reference = new ContentCardReference(job.TeamId, job.DropNumber, job.OccurrenceId, job.ChannelId),
                    Anonymous = ReflectionPosts.AllowsAnonymous(job.Anonymous, team),
                },
                ReflectionTotals.None).ToAttachment();
        }
        catch (CardTooLargeException e)
        {
            await FailAsync(message, job, sending, e.Message, 0, cancellationToken);
            return;
        }

        var activity = new Activity { Type = ActivityTypes.Message, Summary = item.Title, Attachments = [card] };
        var bot = new ChannelAccount { Id = team.BotId, Name = team.BotName };
        ConversationResourceResponse response;
        try
        {
            response = await connector.CreateConversationAsync(
                team.ServiceUrl,
                ConversationParameters.ForChannelThread(job.ChannelId, team.TenantId, bot, activity),
                cancellationToken);
        }
        catch (ConnectorException e) when (IsPermanent(e.StatusCode))
        {
            await FailAsync(message, job, sending, Reasons.Refused(e.StatusCode, e.ErrorCode), (int)e.StatusCode, cancellationToken);
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
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // No answer (timeout, connection lost mid-request): Teams may have posted it.
            var now = time.GetUtcNow();
            await deliveries.TryRecordOutcomeAsync(job, sending, DeliveryState.Unconfirmed, Reasons.NoAnswer, now, cancellationToken);
            LogNoAnswer(logger, e, job.DropNumber, job.OccurrenceId);
            await queue.DeleteAsync(message, cancellationToken);
            return;
        }

        var activityId = response?.ActivityId ?? ThreadIds.RootMessageOf(response?.Id) ?? string.Empty;
        var threadId = response?.Id ?? (activityId.Length > 0 ? ThreadIds.Thread(job.ChannelId, activityId) : job.ChannelId);
        var posted = await deliveries.RecordPostedAsync(sending, activityId, threadId, time.GetUtcNow(), cancellationToken);
        await RecordPostAsync(job, posted, cancellationToken);
        LogPosted(logger, job.DropNumber, job.OccurrenceId, sending.Attempts);
        await queue.DeleteAsync(message, cancellationToken);
    }

    private async Task RecordPostAsync(DropJob job, Delivery posted, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(posted.ActivityId))
        {
            return;
        }

        var post = new DropPost
        {
            ChannelId = job.ChannelId,
            ActivityId = posted.ActivityId,
            ThreadConversationId = posted.ThreadConversationId ?? ThreadIds.Thread(job.ChannelId, posted.ActivityId),
            TeamId = job.TeamId,
            DropNumber = job.DropNumber,
            OccurrenceId = job.OccurrenceId,
            ContentNumber = job.ContentNumber,
            Prompt = job.Prompt,
            Anonymous = job.Anonymous,
            PostedAt = posted.UpdatedAt,
        };
        await posts.RecordAsync(post, cancellationToken);

        // Opened now, so that no reflection on the card pays for finding its post.
        await reflections.OpenAsync(post, cancellationToken);
    }

    private async Task FailAsync(QueueMessage message, DropJob job, Delivery sending, string reason, int statusCode, CancellationToken cancellationToken)
    {
        await deliveries.TryRecordOutcomeAsync(job, sending, DeliveryState.Failed, reason, time.GetUtcNow(), cancellationToken);
        LogFailed(logger, job.DropNumber, job.OccurrenceId, statusCode);
        await queue.DeleteAsync(message, cancellationToken);
    }

    private async Task RetryAsync(QueueMessage message, DropJob job, Delivery sending, string reason, CancellationToken cancellationToken)
    {
        if (message.DequeueCount >= options.Value.MaxAttempts)
        {
            await FailAsync(message, job, sending, Reasons.GaveUp(message.DequeueCount, reason), 0, cancellationToken);
            return;
        }

        await deliveries.TryRecordOutcomeAsync(job, sending, DeliveryState.Retrying, reason, time.GetUtcNow(), cancellationToken);
        var delay = options.Value.RetryDelay * Math.Pow(2, Math.Max(0, message.DequeueCount - 1));
        LogRetrying(logger, job.DropNumber, job.OccurrenceId, message.DequeueCount);
        await queue.DelayAsync(message, delay < MaxBackOff ? delay : MaxBackOff, cancellationToken);
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
