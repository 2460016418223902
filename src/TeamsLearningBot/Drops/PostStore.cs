using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Table <c>Posts</c>, one partition per channel, holding two kinds of rows:
/// <list type="bullet">
/// <item>a delivery record per (drop, occurrence) posted to the channel, written conditionally
/// before the post (the "sending" claim, so a redelivered job never posts twice) and after it (the
/// outcome);</item>
/// <item>a lookup row per post, keyed by its root activity id, which is what a reply in the thread
/// tells about itself.</item>
/// </list>
/// Sharing the partition makes recording a post one transaction: the delivery turns "posted" and
/// its lookup row appears together, and it keeps the storage work of a post to two writes.
/// </summary>
public sealed class PostStore(StorageTables tables)
{
    public const string TableName = "Posts";

    public async Task<Delivery?> GetDeliveryAsync(DropJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<DeliveryEntity>(
            DeliveryEntity.Partition(job.ChannelId),
            DeliveryEntity.Row(job.TeamId, job.DropNumber, job.OccurrenceDueUtc),
            cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToDelivery() : null;
    }

    /// <summary>
    /// Claims the post for this worker: inserts a <see cref="DeliveryState.Sending"/> record, or
    /// turns the <paramref name="current"/> retrying one into it. Null when another worker changed
    /// the record first (it owns the post then).
    /// </summary>
    public Task<Delivery?> TryClaimSendAsync(DropJob job, Delivery? current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var sending = (current ?? New(job, now)) with
        {
            State = DeliveryState.Sending,
            Attempts = (current?.Attempts ?? 0) + 1,
            SendingSince = now,
            UpdatedAt = now,
        };
        return TryWriteAsync(sending, cancellationToken);
    }

    /// <summary>Records an outcome if the record is still as read (or still absent, for a first write).</summary>
    public Task<Delivery?> TryRecordOutcomeAsync(DropJob job, Delivery? current, DeliveryState state, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var next = (current ?? New(job, now)) with { State = state, Reason = reason, UpdatedAt = now };
        return TryWriteAsync(next, cancellationToken);
    }

    /// <summary>
    /// Records a post Teams accepted, with its lookup row, in one transaction. Unconditional: only
    /// the worker that holds the sending claim posts, so whatever the record says meanwhile (a
    /// takeover marked it unconfirmed), this is the truth.
    /// </summary>
    public async Task RecordPostedAsync(Delivery sending, DropPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sending);
        ArgumentNullException.ThrowIfNull(post);
        var posted = sending with
        {
            State = DeliveryState.Posted,
            Reason = null,
            ActivityId = post.ActivityId,
            ThreadConversationId = post.ThreadConversationId,
            UpdatedAt = post.PostedAt,
        };
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, DeliveryEntity.From(posted)),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, PostEntity.From(post)),
            ],
            cancellationToken);
    }

    /// <summary>
    /// The post of <paramref name="card"/>'s drop that was left <see cref="DeliveryState.Unconfirmed"/>
    /// (its worker stopped after Teams took it), as it would be recorded with the card's id
    /// <paramref name="rootActivityId"/> in <paramref name="channelId"/> — a learner acting on the card
    /// there is proof the post exists. Null when no such delivery stands (the card is not an
    /// unconfirmed post of that drop), or when the card does not say which of several it is (cards
    /// carry their occurrence since deliveries could be confirmed). Confirm it with <see cref="ConfirmAsync"/>.
    /// </summary>
    public async Task<(Delivery Delivery, DropPost Post)?> FindUnconfirmedAsync(string channelId, string rootActivityId, CardOrigin card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = DeliveryEntity.Partition(channelId);
        var prefix = DeliveryEntity.DropPrefix(card.TeamId, card.DropNumber);
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var candidates = new List<Delivery>();
        await foreach (var row in table.QueryAsync<DeliveryEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(end) < 0 && e.State == nameof(DeliveryState.Unconfirmed),
            cancellationToken: cancellationToken))
        {
            var delivery = row.ToDelivery();
            if (string.IsNullOrEmpty(delivery.ActivityId)
                && (card.OccurrenceId is null ? card.ContentNumber is null || delivery.ContentNumber == card.ContentNumber : delivery.OccurrenceId == card.OccurrenceId))
            {
                candidates.Add(delivery);
            }
        }

        if (candidates.Count != 1)
        {
            return null;
        }

        var unconfirmed = candidates[0];
        return (unconfirmed, new DropPost
        {
            ChannelId = channelId,
            ActivityId = rootActivityId,
            ThreadConversationId = ThreadIds.Thread(channelId, rootActivityId),
            TeamId = unconfirmed.TeamId,
            DropNumber = unconfirmed.DropNumber,
            OccurrenceId = unconfirmed.OccurrenceId,
            ContentNumber = unconfirmed.ContentNumber,
            Prompt = unconfirmed.Prompt,
            Anonymous = unconfirmed.Anonymous,
            PostedAt = unconfirmed.SendingSince ?? unconfirmed.UpdatedAt,
        });
    }

    /// <summary>
    /// Records an <paramref name="unconfirmed"/> delivery as <paramref name="post"/>: the delivery turns
    /// posted with its lookup row in one transaction, under the delivery's ETag, so of two learners
    /// acting at once one confirms and the other finds the post. The post as it stands after.
    /// </summary>
    public async Task<DropPost?> ConfirmAsync(Delivery unconfirmed, DropPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unconfirmed);
        ArgumentNullException.ThrowIfNull(post);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var posted = unconfirmed with
        {
            State = DeliveryState.Posted,
            Reason = null,
            ActivityId = post.ActivityId,
            ThreadConversationId = post.ThreadConversationId,
        };
        try
        {
            await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, DeliveryEntity.From(posted), unconfirmed.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, PostEntity.From(post)),
                ],
                cancellationToken);
            return post;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            // Another learner's action confirmed it first (or the delivery changed): whatever stands now is the answer.
            return await FindAsync(post.ChannelId, post.ActivityId, cancellationToken);
        }
    }

    /// <summary>The post that started the thread rooted at <paramref name="rootActivityId"/> in a channel, if the bot posted it.</summary>
    public async Task<DropPost?> FindAsync(string channelId, string rootActivityId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<PostEntity>(DeliveryEntity.Partition(channelId), PostEntity.Row(rootActivityId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToPost() : null;
    }

    /// <summary>A drop's deliveries to <paramref name="channelIds"/> in its latest <paramref name="occurrences"/> occurrences, newest first.</summary>
    public async Task<IReadOnlyList<Delivery>> ListRecentAsync(string teamId, int dropNumber, IEnumerable<string> channelIds, int occurrences, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var prefix = DeliveryEntity.DropPrefix(teamId, dropNumber);
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var perChannel = await Task.WhenAll(channelIds.Distinct(StringComparer.Ordinal).Select(async channelId =>
        {
            var partition = DeliveryEntity.Partition(channelId);
            var rows = new List<Delivery>();
            await foreach (var row in table.QueryAsync<DeliveryEntity>(
                e => e.PartitionKey == partition && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(end) < 0,
                maxPerPage: occurrences,
                cancellationToken: cancellationToken))
            {
                rows.Add(row.ToDelivery());
                if (rows.Count >= occurrences)
                {
                    break;
                }
            }

            return rows;
        }));

        var latest = perChannel.SelectMany(r => r).Select(d => d.OccurrenceDueUtc).Distinct().OrderDescending().Take(occurrences).ToHashSet();
        return [.. perChannel.SelectMany(r => r).Where(d => latest.Contains(d.OccurrenceDueUtc)).OrderByDescending(d => d.OccurrenceDueUtc)];
    }

    private static Delivery New(DropJob job, DateTimeOffset now) => new()
    {
        TeamId = job.TeamId,
        DropNumber = job.DropNumber,
        OccurrenceId = job.OccurrenceId,
        OccurrenceDueUtc = job.OccurrenceDueUtc,
        ChannelId = job.ChannelId,
        ChannelName = job.ChannelName,
        ContentNumber = job.ContentNumber,
        Prompt = job.Prompt,
        Anonymous = job.Anonymous,
        Collapsed = job.Collapsed,
        State = DeliveryState.Sending,
        UpdatedAt = now,
    };

    private async Task<Delivery?> TryWriteAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var entity = DeliveryEntity.From(delivery);
        try
        {
            var response = delivery.ETag == default
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, delivery.ETag, TableUpdateMode.Replace, cancellationToken);
            return delivery with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return null;
        }
    }
}
