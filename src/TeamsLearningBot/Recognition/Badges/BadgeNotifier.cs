using System.Net;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Chats;
using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Announces awards: publishes <see cref="LearnerEventKind.BadgeAwarded"/>, congratulates the person
/// where it happened, and writes to them in a 1:1 chat unless they said <c>stop notifications</c>.
/// The award row is the outbox, so nothing is lost or sent twice: docs/architecture.md, "Badges".
/// </summary>
public sealed partial class BadgeNotifier(
    BadgeCatalogue catalogue,
    BadgeLedger ledger,
    BadgeOutbox outbox,
    BadgeLearnerStore learners,
    BadgeTeamContextCache teams,
    PersonalChats chats,
    IServiceScopeFactory scopes,
    IOptionsMonitor<BadgeOptions> options,
    TimeProvider time,
    ILogger<BadgeNotifier> logger)
{
    /// <summary>The congratulation where the badge was earned, as <see cref="BadgeAwardEntity.Sending"/>.</summary>
    public const string CongratulationStep = "congratulation";

    /// <summary>The private message in the 1:1 chat, as <see cref="BadgeAwardEntity.Sending"/>.</summary>
    public const string PrivateStep = "private";

    // A conflict means another writer touched the row; each retry reads it fresh, so a few suffice.
    private const int MaxRecordAttempts = 10;

    /// <summary>
    /// Finishes the notifications of <paramref name="awards"/>, as the worker <paramref name="owner"/>,
    /// with <paramref name="context"/> the event in hand (null for the sweeper).
    /// </summary>
    public async Task FinishAsync(LearnerEvent? context, IReadOnlyList<BadgeAwardEntity> awards, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(awards);
        if (awards.Count == 0)
        {
            return;
        }

        // A scope per use: the Connector is a typed HttpClient. LearnerEvents is looked up, not
        // injected, because it holds the engine, which holds this notifier.
        await using var scope = scopes.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectorClient>();
        var events = scope.ServiceProvider.GetRequiredService<LearnerEvents>();
        foreach (var award in awards.OrderBy(a => a.AwardedAt).ThenBy(a => a.RowKey, StringComparer.Ordinal))
        {
            var claimed = await ClaimAsync(award, owner, cancellationToken);
            if (claimed is null || catalogue.Find(claimed.BadgeId) is not { } badge)
            {
                continue;
            }

            try
            {
                await NotifyAsync(badge, claimed, context, connector, events, cancellationToken);
            }
            catch (Exception e) when (ConnectorFailures.IsFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                // Released at once: a message surely not sent (Teams refused it, or the bot had no token) loses its
                // sending mark and goes with the next chance; one in doubt keeps it and is not sent again.
                LogSendFailed(logger, claimed.BadgeId, (e as ConnectorException)?.StatusCode ?? HttpStatusCode.ServiceUnavailable);
                await ReleaseAsync(claimed, nothingSent: ConnectorFailures.NothingPosted(e), cancellationToken);
            }
        }
    }

    /// <summary>The award with a lease of <paramref name="owner"/>, or null when another worker holds it or it changed.</summary>
    private async Task<BadgeAwardEntity?> ClaimAsync(BadgeAwardEntity award, string owner, CancellationToken cancellationToken)
    {
        if (award.LeaseOwner == owner && award.LeaseUntil > time.GetUtcNow())
        {
            return award;
        }

        if (award.Done || award.LeaseUntil > time.GetUtcNow())
        {
            // Its worker is at it, or died and the lease has yet to run out: left to it, then to whoever comes after.
            return null;
        }

        award.LeaseOwner = owner;
        award.LeaseUntil = time.GetUtcNow() + options.CurrentValue.NotificationLease;
        return await ledger.TryReplaceAwardAsync(award, cancellationToken) ? award : null;
    }

    private async Task NotifyAsync(BadgeDefinition badge, BadgeAwardEntity award, LearnerEvent? context, ConnectorClient connector, LearnerEvents events, CancellationToken cancellationToken)
    {
        var owner = award.LeaseOwner;
        if (!award.Published || !award.Congratulated)
        {
            string? congratulationId = null;
            string? inDoubt = null;
            await events.PublishAsync(Awarded(award, context), cancellationToken);
            if (!award.Congratulated && !award.Anonymous && award.PlaceConversationId is { } place && award.PlaceServiceUrl is { } placeUrl)
            {
                if (award.Sending == CongratulationStep)
                {
                    // A worker stopped between sending it and recording it: it may be there, so it is not sent again.
                    LogInDoubt(logger, award.BadgeId, CongratulationStep);
                    inDoubt = CongratulationStep;
                }
                else
                {
                    var marked = await MarkSendingAsync(award, CongratulationStep, owner);
                    if (marked is null)
                    {
                        return;
                    }

                    award = marked;
                    try
                    {
                        var sent = await connector.SendToConversationAsync(placeUrl, place, BadgeMessages.Congratulation(badge, award), cancellationToken);
                        congratulationId = sent?.Id;
                        LogCongratulated(logger, award.BadgeId);
                    }
                    catch (ConnectorException e) when (IsPermanent(e))
                    {
                        // The place is gone or closed to the bot (e.g. it was removed): asking again will not help.
                        LogNotCongratulated(logger, award.BadgeId, e.StatusCode);
                    }
                }
            }

            var recorded = await RecordAsync(
                award,
                a =>
                {
                    a.Published = true;
                    a.Congratulated = true;
                    a.CongratulationId ??= congratulationId;
                    a.Sending = null;
                    a.Unconfirmed = WithStep(a.Unconfirmed, inDoubt);
                });
            if (recorded is null || recorded.Done || recorded.LeaseOwner != owner)
            {
                // Erased meanwhile, finished, or in another worker's hands: the rest is not ours to send.
                return;
            }

            award = recorded;
        }

        var userId = award.UserId ?? context?.Learner?.UserId;
        if (userId is null)
        {
            // Anonymous, and the event in hand does not say who it is: the learner's next event will.
            await ReleaseAsync(award, nothingSent: false, cancellationToken);
            return;
        }

        string? privateInDoubt = null;
        if (award.Sending == PrivateStep)
        {
            // As above: the private message may have arrived, so it is not sent again.
            LogInDoubt(logger, award.BadgeId, PrivateStep);
            privateInDoubt = PrivateStep;
        }
        else if (!await learners.IsNotificationsOffAsync(award.LearnerKey, cancellationToken))
        {
            if (await SendPrivateAsync(badge, award, userId, connector, cancellationToken) is not { } sentWith)
            {
                return;
            }

            award = sentWith;
        }

        var done = await RecordAsync(
            award,
            a =>
            {
                a.Published = true;
                a.Congratulated = true;
                a.Done = true;
                a.Sending = null;
                a.Unconfirmed = WithStep(a.Unconfirmed, privateInDoubt);
                a.UserId = null;
                a.UserName = null;
                a.LeaseOwner = null;
                a.LeaseUntil = null;
            });
        if (done is not null)
        {
            await outbox.RemoveAsync(award.PartitionKey, award.RowKey, cancellationToken);
        }
    }

    /// <summary>
    /// Records on the award row what was just sent, so that nobody sends it again; returns the row as
    /// stored, or null when it is gone (<c>forget me</c> erased it) or kept changing.
    /// <para>
    /// Giving up on the first ETag conflict would forget a send that happened: the row would stay
    /// pending without the mark and whoever finishes it next would send the message a second time.
    /// So a conflict reads the row again and applies <paramref name="change"/> to what is stored now
    /// (the marks only ever go from false to true, so merging them is safe). It is not cancelled
    /// with the event: the message has left, and its mark must land even while the host stops.
    /// </para>
    /// </summary>
    private async Task<BadgeAwardEntity?> RecordAsync(BadgeAwardEntity award, Action<BadgeAwardEntity> change)
    {
        change(award);
        for (var attempt = 1; ; attempt++)
        {
            if (await ledger.TryReplaceAwardAsync(award, CancellationToken.None))
            {
                return award;
            }

            if (attempt >= MaxRecordAttempts)
            {
                LogNotRecorded(logger, award.BadgeId, attempt);
                return null;
            }

            var stored = await ledger.GetAwardAsync(award.PartitionKey, award.RowKey, CancellationToken.None);
            if (stored is null)
            {
                return null;
            }

            change(stored);
            award = stored;
        }
    }

    /// <summary>Sends the private message; returns the award as recorded before the send, or null when it was no longer ours to send.</summary>
    private async Task<BadgeAwardEntity?> SendPrivateAsync(BadgeDefinition badge, BadgeAwardEntity award, string userId, ConnectorClient connector, CancellationToken cancellationToken)
    {
        var team = await teams.GetAsync(award.TeamId, cancellationToken);
        try
        {
            // An anonymous award must not leave behind who earned it: its chat is not remembered.
            var chat = await chats.OpenAsync(connector, award.TenantId, userId, award.ServiceUrl ?? team.ServiceUrl, team.Bot, remember: !award.Anonymous, cancellationToken);
            if (chat is null)
            {
                return award;
            }

            if (await MarkSendingAsync(award, PrivateStep, award.LeaseOwner) is not { } marked)
            {
                return null;
            }

            award = marked;
            await connector.SendToConversationAsync(chat.Value.ServiceUrl, chat.Value.ConversationId, BadgeMessages.Private(badge, award, team.Settings.ThresholdsOf(badge)), cancellationToken);
            LogMessaged(logger, award.BadgeId);
        }
        catch (ConnectorException e) when (IsPermanent(e))
        {
            // The person cannot be messaged (the app is blocked or not available to them): asking again will not help.
            LogNotMessageable(logger, award.BadgeId, e.StatusCode);
        }

        return award;
    }

    /// <summary>
    /// Records that <paramref name="step"/> is about to be sent (see <see cref="BadgeAwardEntity.Sending"/>); the award
    /// as stored, or null when it is gone, finished or in another worker's hands (then it is not ours to send).
    /// </summary>
    private async Task<BadgeAwardEntity?> MarkSendingAsync(BadgeAwardEntity award, string step, string? owner)
    {
        var marked = await RecordAsync(award, a => a.Sending = step);
        return marked is null || marked.Done || marked.LeaseOwner != owner ? null : marked;
    }

    private static string? WithStep(string? steps, string? step) =>
        step is null || (steps?.Split(',').Contains(step) ?? false) ? steps : steps is null ? step : steps + "," + step;

    private static bool IsPermanent(ConnectorException e) => e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    private static LearnerEvent Awarded(BadgeAwardEntity award, LearnerEvent? context) => new()
    {
        Kind = LearnerEventKind.BadgeAwarded,
        EventId = $"badge|{award.TeamId}|{award.LearnerKey}|{award.BadgeId}|{award.Tier ?? "earned"}",
        TenantId = award.TenantId,
        TeamId = award.TeamId,
        LearnerKey = award.LearnerKey,
        Learner = award.UserId is { } userId ? new LearnerIdentity(userId, null, award.UserName) : context?.Learner,
        At = award.AwardedAt,
        Anonymous = award.Anonymous,
        Place = award.PlaceConversationId is { } place && award.PlaceServiceUrl is { } url ? new EventPlace(url, place) : null,
        BadgeId = award.BadgeId,
        Tier = award.Tier,
    };

    private async Task ReleaseAsync(BadgeAwardEntity award, bool nothingSent, CancellationToken cancellationToken)
    {
        award.LeaseOwner = null;
        award.LeaseUntil = null;
        if (nothingSent)
        {
            // The next chance sends it; a send in doubt stays marked and is not repeated.
            award.Sending = null;
        }

        try
        {
            await ledger.TryReplaceAwardAsync(award, CancellationToken.None);
        }
        catch (Azure.RequestFailedException) when (!cancellationToken.IsCancellationRequested)
        {
            // The lease simply runs out instead.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Badge {BadgeId}: a notification was sent but could not be recorded after {Attempts} attempts; it may be sent again")]
    private static partial void LogNotRecorded(ILogger logger, string badgeId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Badge {BadgeId}: the {Step} message was being sent when its worker stopped; it may have arrived and is not sent again")]
    private static partial void LogInDoubt(ILogger logger, string badgeId, string step);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Badge {BadgeId}: congratulated in place")]
    private static partial void LogCongratulated(ILogger logger, string badgeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Badge {BadgeId}: the place it was earned in refused the congratulation ({Status}); none posted")]
    private static partial void LogNotCongratulated(ILogger logger, string badgeId, HttpStatusCode status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Badge {BadgeId}: told the learner privately")]
    private static partial void LogMessaged(ILogger logger, string badgeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Badge {BadgeId}: a notification could not be sent ({Status}); it stays pending")]
    private static partial void LogSendFailed(ILogger logger, string badgeId, HttpStatusCode status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Badge {BadgeId}: the learner cannot be messaged ({Status}); no private message")]
    private static partial void LogNotMessageable(ILogger logger, string badgeId, HttpStatusCode status);
}
