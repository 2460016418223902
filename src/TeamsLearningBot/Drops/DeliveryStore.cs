using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Table <c>Deliveries</c>: one row per (drop, occurrence, channel). The row is written
/// conditionally before a post (the "sending" claim) and after it (the outcome), which is what
/// keeps a redelivered queue message from posting twice.
/// </summary>
public sealed class DeliveryStore(Storage.StorageTables tables)
{
    public const string TableName = "Deliveries";

    public async Task<Delivery?> GetAsync(DropJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<DeliveryEntity>(
            DeliveryEntity.Partition(job.TeamId, job.DropNumber),
            DeliveryEntity.Row(job.OccurrenceDueUtc, job.ChannelId),
            cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToDelivery() : null;
    }

    /// <summary>
    /// Claims the post for this worker: inserts a <see cref="DeliveryState.Sending"/> row, or turns
    /// the <paramref name="current"/> retrying row into one. Null when another worker changed the
    /// row first (it owns the post then).
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

    /// <summary>Records an outcome if the row is still as read (or still absent, for a first write).</summary>
    public Task<Delivery?> TryRecordOutcomeAsync(DropJob job, Delivery? current, DeliveryState state, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var next = (current ?? New(job, now)) with { State = state, Reason = reason, UpdatedAt = now };
        return TryWriteAsync(next, cancellationToken);
    }

    /// <summary>
    /// Records a post Teams accepted. Unconditional: only the worker that holds the sending claim
    /// posts, so whatever the row says meanwhile (a takeover marked it unconfirmed), this is the truth.
    /// </summary>
    public async Task<Delivery> RecordPostedAsync(Delivery sending, string activityId, string threadConversationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sending);
        var posted = sending with
        {
            State = DeliveryState.Posted,
            Reason = null,
            ActivityId = activityId,
            ThreadConversationId = threadConversationId,
            UpdatedAt = now,
        };
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.UpsertEntityAsync(DeliveryEntity.From(posted), TableUpdateMode.Replace, cancellationToken);
        return posted with { ETag = response.Headers.ETag ?? default };
    }

    /// <summary>The deliveries of a drop's latest <paramref name="occurrences"/> occurrences, newest first.</summary>
    public async Task<IReadOnlyList<Delivery>> ListRecentAsync(string teamId, int dropNumber, int occurrences, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = DeliveryEntity.Partition(teamId, dropNumber);
        var deliveries = new List<Delivery>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<DeliveryEntity>(e => e.PartitionKey == partition, maxPerPage: 200, cancellationToken: cancellationToken))
        {
            if (seen.Add(row.OccurrenceId) && seen.Count > occurrences)
            {
                break;
            }

            deliveries.Add(row.ToDelivery());
        }

        return deliveries;
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
