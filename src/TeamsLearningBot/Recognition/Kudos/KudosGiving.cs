using System.Net;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Events;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// Gives a kudos once, whatever Teams redelivers: stores and counts it (or refuses it past the
/// day's limit), posts the card, and publishes KudosReceived and KudosGiven for each receiver.
/// <para>
/// The card is posted by whoever stored the kudos. A redelivery posts it only when Teams had
/// refused it (an error answer means nothing was posted); a card still marked as being sent is
/// in flight in another request, or was lost with its process or behind a failed gateway (502,
/// 504) — Teams cannot say whether it arrived, so it is not posted again: a duplicate card costs
/// more than a missing one. Events go out on
/// every delivery; sinks count each <see cref="LearnerEvent.EventId"/> once.
/// </para>
/// </summary>
public sealed partial class KudosGiving(
    KudosStore store,
    LearnerEvents events,
    IOptions<KudosOptions> options,
    TimeProvider time,
    ILogger<KudosGiving> logger)
{
    public async Task<KudosClaim> GiveAsync(TurnContext turn, KudosPerson giver, IReadOnlyList<KudosPerson> receivers, string reason, KudosDay day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(giver);
        ArgumentNullException.ThrowIfNull(receivers);
        ArgumentNullException.ThrowIfNull(day);
        var activity = turn.Activity;
        var activityId = activity.Id ?? throw new InvalidOperationException("A kudos message has no id.");
        var now = time.GetUtcNow();
        var kudos = new KudosEntity
        {
            PartitionKey = KudosStore.GiverPartition(giver.Key),
            RowKey = KudosEntity.Row(activityId),
            ActivityId = activityId,
            TenantId = activity.TenantId ?? string.Empty,
            TeamId = activity.TeamId ?? activity.Conversation?.Id ?? string.Empty,
            ConversationId = activity.Conversation?.Id ?? string.Empty,
            ServiceUrl = turn.ServiceUrl,
            GiverKey = giver.Key,
            GiverId = giver.UserId,
            GiverAadObjectId = giver.AadObjectId,
            GiverName = giver.Name,
            ReceiverList = receivers,
            Reason = reason,
            Day = day.Key,
            CreatedAt = now,
            State = nameof(KudosState.Sending),
            SendingAt = now,
        };

        // Indexed first, so forget me and the retention purge find every stored kudos; taken back if it is not given.
        await store.IndexAsync(kudos, cancellationToken);
        var claim = await store.ClaimAsync(kudos, options.Value.KudosPerDay, cancellationToken);
        switch (claim.Status)
        {
            case KudosClaimStatus.LimitReached:
                await store.DeleteRowsAsync(KudosStore.IndexRows(kudos), cancellationToken);
                LogLimit(logger);
                return claim;
            case KudosClaimStatus.Claimed:
                LogGiven(logger, receivers.Count);
                await PostAsync(turn, claim.Kudos!, cancellationToken);
                break;
            default:
                await ResumeAsync(turn, claim.Kudos!, cancellationToken);
                break;
        }

        await PublishAsync(claim.Kudos!, cancellationToken);
        return claim;
    }

    private async Task ResumeAsync(TurnContext turn, KudosEntity kudos, CancellationToken cancellationToken)
    {
        switch (kudos.CardState)
        {
            case KudosState.Pending when await store.TryStartSendingAsync(kudos, cancellationToken):
                await PostAsync(turn, kudos, cancellationToken);
                break;
            case KudosState.Sending:
                LogNotResent(logger);
                break;
            default:
                break;
        }
    }

    private async Task PostAsync(TurnContext turn, KudosEntity kudos, CancellationToken cancellationToken)
    {
        var receivers = kudos.ReceiverList;
        var card = KudosCard.Build(kudos.GiverName, receivers, kudos.Reason ?? string.Empty);
        var reply = turn.Activity.CreateReply(attachments: [card]) with { Summary = KudosCard.Summary(kudos.GiverName, receivers) };
        ResourceResponse sent;
        try
        {
            sent = await turn.SendAsync(reply, cancellationToken);
        }
        catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
        {
            // A gateway failed after Teams may have posted it: left as being sent, so it is never posted twice.
            LogUnconfirmed(logger, (int)e.StatusCode);
            return;
        }
        catch (Exception e) when (ConnectorFailures.NothingPosted(e))
        {
            // Teams answered with an error, was never reached, or the bot had no token: nothing was posted,
            // so the redelivery this failure causes posts it.
            await store.RecordSentAsync(kudos, null, CancellationToken.None);
            throw;
        }

        await store.RecordSentAsync(kudos, sent?.Id ?? string.Empty, cancellationToken);
    }

    /// <summary>For each receiver: they received, the giver gave. Published together; each book counts each once.</summary>
    private Task PublishAsync(KudosEntity kudos, CancellationToken cancellationToken)
    {
        var giver = kudos.Giver;
        var place = new EventPlace(kudos.ServiceUrl, kudos.ConversationId);
        LearnerEvent Event(LearnerEventKind kind, string name, KudosPerson learner, KudosPerson other, KudosPerson receiver) => new()
        {
            Kind = kind,
            EventId = EventIds.Of(name, giver.Key, kudos.ActivityId, receiver.Key),
            TenantId = kudos.TenantId,
            TeamId = kudos.TeamId,
            LearnerKey = learner.Key,
            Learner = learner.Identity,
            OtherLearnerKey = other.Key,
            At = kudos.CreatedAt,
            Place = place,
        };

        return events.PublishAsync(
            [.. kudos.ReceiverList.SelectMany(receiver => new[]
            {
                Event(LearnerEventKind.KudosReceived, "kudos-received", receiver, giver, receiver),
                Event(LearnerEventKind.KudosGiven, "kudos-given", giver, receiver, receiver),
            })],
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kudos given to {Count} people")]
    private static partial void LogGiven(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kudos refused: the giver's daily limit is reached")]
    private static partial void LogLimit(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A kudos card met a gateway failure ({Status}); it may have been posted, so it is not sent again")]
    private static partial void LogUnconfirmed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "A redelivered kudos finds its card being sent (in flight elsewhere, or unconfirmed); not posting it again")]
    private static partial void LogNotResent(ILogger logger);
}
