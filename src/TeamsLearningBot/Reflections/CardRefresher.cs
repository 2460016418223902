using System.Net;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Recognition.Reactions;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Brings one card up to date: posts the reflections shared from the card into the thread, then
/// updates the card's footer in place — at most once per <see cref="ReflectionOptions.CardRefreshInterval"/>.
/// <para>
/// A lease on the card row (an ETag-conditional write) keeps one refresher per card across
/// instances. When it finishes, it clears the "refresh scheduled" mark only if the totals did not
/// move while it worked (again by ETag); otherwise it runs once more after the interval. Changes
/// that saw the mark set queued nothing, so this is what guarantees the card ends on the exact totals.
/// </para>
/// </summary>
public sealed partial class CardRefresher(
    ReflectionStore store,
    ReflectionIndex index,
    ReflectionMessages messages,
    TeamStore teams,
    PostLocks locks,
    ConnectorClient connector,
    IOptions<ReflectionOptions> options,
    TimeProvider time,
    ILogger<CardRefresher> logger)
{
    private const int MaxConflicts = 20;

    public async Task<RefreshResult> RefreshAsync(PostKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var settings = options.Value;
        var claimed = await ClaimAsync(key, cancellationToken);
        if (claimed.Result is not null)
        {
            return claimed.Result;
        }

        var post = claimed.Post!;
        if (!post.Indexed)
        {
            // Listings and retention find the card from now on.
            await index.AddPostAsync(post.TeamId, post.ContentNumber, post.PostedAt, post.Key, cancellationToken);
        }

        var serviceUrl = post.ServiceUrl ?? (await teams.GetAsync(post.TeamId, cancellationToken))?.ServiceUrl;
        var updatedCard = false;
        if (serviceUrl is not null)
        {
            try
            {
                await EchoAsync(post, serviceUrl, cancellationToken);
                if (post.Version > post.ShownVersion)
                {
                    updatedCard = await UpdateCardAsync(post, serviceUrl, cancellationToken);
                }
            }
            catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
            {
                LogTransient(logger, (int)e.StatusCode);
                await ReleaseAsync(key, post, cancellationToken);
                return RefreshResult.Later(settings.CardRefreshInterval);
            }
            catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                // No answer in time, or no connection: the lease is handed back at once rather than held until it runs out.
                LogNoAnswer(logger, e.GetType().Name);
                await ReleaseAsync(key, post, cancellationToken);
                return RefreshResult.Later(settings.CardRefreshInterval);
            }
        }

        return await FinishAsync(key, post, updatedCard, cancellationToken);
    }

    private async Task<(ReflectionPostEntity? Post, RefreshResult? Result)> ClaimAsync(PostKey key, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            using (await locks.AcquireAsync(key, cancellationToken))
            {
                var post = await store.GetPostAsync(key, cancellationToken);
                if (post is null)
                {
                    return (null, RefreshResult.Done);
                }

                var now = time.GetUtcNow();
                if (post.RefreshLeaseUntil is { } lease && lease > now)
                {
                    return (null, RefreshResult.Later(lease - now));
                }

                if (post.LastCardUpdateAt is { } last && post.Version > post.ShownVersion && last + settings.CardRefreshInterval > now)
                {
                    return (null, RefreshResult.Later(settings.Spread(last + settings.CardRefreshInterval - now)));
                }

                var claimed = await store.TryReplacePostAsync(post with { RefreshLeaseUntil = now + settings.RefreshLease }, cancellationToken);
                if (claimed is not null)
                {
                    return (claimed, null);
                }
            }
        }

        return (null, RefreshResult.Later(settings.CardRefreshDelay));
    }

    /// <summary>
    /// Posts reflections shared from the card that are not in the thread yet. As badge messages are,
    /// each message is marked on its rows just before it is sent (<see cref="ReflectionEntity.EchoSending"/>):
    /// rows found so marked were being posted by a refresher that stopped before recording Teams'
    /// answer, so they may be in the thread and are not posted again — at most once when in doubt.
    /// </summary>
    private async Task EchoAsync(ReflectionPostEntity post, string serviceUrl, CancellationToken cancellationToken)
    {
        var pending = await store.ListUnechoedAsync(post.Key, cancellationToken);
        var inDoubt = pending.Where(r => r.EchoSending).ToList();
        if (inDoubt.Count > 0)
        {
            await store.MarkEchoedAsync(inDoubt, null, cancellationToken);
            LogEchoInDoubt(logger, inDoubt.Count);
        }

        foreach (var chunk in pending.Where(r => !r.EchoSending).OrderBy(r => r.CreatedAt).Chunk(options.Value.ReflectionsPerThreadMessage))
        {
            await store.MarkEchoSendingAsync(chunk, sending: true, cancellationToken);
            var message = new Activity { Type = ActivityTypes.Message, Text = ThreadEcho.Text(chunk), TextFormat = "markdown" };
            ResourceResponse? sent;
            try
            {
                sent = await connector.SendToConversationAsync(serviceUrl, post.ThreadConversationId, message, cancellationToken);
            }
            catch (Exception e) when (ConnectorFailures.NothingPosted(e))
            {
                // Teams refused it or was never reached: nothing is in the thread, so the next refresh posts it.
                await store.MarkEchoSendingAsync(chunk, sending: false, CancellationToken.None);
                throw;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // No answer: Teams may have posted it. Recorded as echoed (with no message id), so it is never posted twice.
                await store.MarkEchoedAsync(chunk, null, cancellationToken);
                LogEchoInDoubt(logger, chunk.Length);
                throw;
            }

            if (!string.IsNullOrEmpty(sent?.Id))
            {
                // Before marking them posted, so no posted reflection lacks its way back from a reaction on this message.
                await messages.MapAsync(post.Key, sent.Id, chunk.Select(r => r.SourceId), cancellationToken);
            }

            await store.MarkEchoedAsync(chunk, sent?.Id ?? string.Empty, cancellationToken);
            LogEchoed(logger, chunk.Length);
        }
    }

    /// <summary>Replaces the posted card for everyone with one showing the current totals.</summary>
    private async Task<bool> UpdateCardAsync(ReflectionPostEntity post, string serviceUrl, CancellationToken cancellationToken)
    {
        var model = ReflectionCard.ModelOf(post);
        var card = ReflectionCard.Build(model, post.Totals).ToAttachment();
        var update = new Activity { Type = ActivityTypes.Message, Summary = model.Item.Title, Attachments = [card] };
        try
        {
            await connector.UpdateActivityAsync(serviceUrl, post.ThreadConversationId, post.ActivityId, update, cancellationToken);
            LogCardUpdated(logger, post.Reflections, post.Ratings);
            return true;
        }
        catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
        {
            // The post was deleted or the bot removed: nothing to update, now or later.
            LogCardGone(logger, (int)e.StatusCode);
            return false;
        }
    }

    /// <summary>
    /// Records what the card shows and hands the lease back. The scheduled mark is cleared only if
    /// the totals are still those shown; if they moved meanwhile, the refresh runs again later.
    /// </summary>
    private async Task<RefreshResult> FinishAsync(PostKey key, ReflectionPostEntity shown, bool updatedCard, CancellationToken cancellationToken)
    {
        var current = shown;
        for (var attempt = 0; ; attempt++)
        {
            using (await locks.AcquireAsync(key, cancellationToken))
            {
                if (attempt > 0)
                {
                    current = await store.GetPostAsync(key, cancellationToken);
                    if (current is null)
                    {
                        return RefreshResult.Done;
                    }
                }

                var now = time.GetUtcNow();
                var settled = current.Version == shown.Version;
                var next = current with
                {
                    ShownVersion = Math.Max(current.ShownVersion, shown.Version),
                    LastCardUpdateAt = updatedCard ? now : current.LastCardUpdateAt,
                    RefreshLeaseUntil = null,
                    RefreshScheduledAt = settled ? null : now,
                    Indexed = true,
                };
                if (await store.TryReplacePostAsync(next, cancellationToken) is not null)
                {
                    return settled ? RefreshResult.Done : RefreshResult.Later(options.Value.Spread(options.Value.CardRefreshInterval));
                }
            }

            if (attempt >= MaxConflicts)
            {
                // The lease runs out by itself, and this message comes back: nothing is lost.
                return RefreshResult.Later(options.Value.CardRefreshDelay);
            }
        }
    }

    private async Task ReleaseAsync(PostKey key, ReflectionPostEntity claimed, CancellationToken cancellationToken)
    {
        using (await locks.AcquireAsync(key, cancellationToken))
        {
            var current = await store.GetPostAsync(key, cancellationToken);
            if (current is not null)
            {
                await store.TryReplacePostAsync(current with { RefreshLeaseUntil = null }, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting {Count} reflections into a drop's thread got no answer, or its refresher stopped before recording it; they may be there and are not posted again")]
    private static partial void LogEchoInDoubt(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card refresh got no answer from Teams ({Failure}); retrying later")]
    private static partial void LogNoAnswer(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Posted {Count} reflections into a drop's thread")]
    private static partial void LogEchoed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Updated a card: {Reflections} reflections, {Ratings} ratings")]
    private static partial void LogCardUpdated(ILogger logger, int reflections, int ratings);

    [LoggerMessage(Level = LogLevel.Information, Message = "A card could not be updated (status {StatusCode}); it is left as it is")]
    private static partial void LogCardGone(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Card refresh hit a transient Connector failure (status {StatusCode}); retrying later")]
    private static partial void LogTransient(ILogger logger, int statusCode);
}

/// <summary>Whether a card's refresh is done, or should run again after <see cref="RetryAfter"/>.</summary>
public sealed record RefreshResult(TimeSpan? RetryAfter)
{
    public static RefreshResult Done { get; } = new((TimeSpan?)null);

    public static RefreshResult Later(TimeSpan delay) => new(delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay);
}
