using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// Table <c>Kudos</c>. Partition <c>g|{giver key}</c> holds the giver's kudos (<see cref="KudosEntity"/>)
/// and their day counter (<see cref="KudosCounterEntity"/>); partition <c>r|{receiver key}</c> indexes
/// what a person received and partition <c>d|{yyyyMMdd}</c> the kudos given on a day, for the
/// retention purge (<see cref="KudosIndexEntity"/>). A kudos and its count commit in one
/// entity-group transaction conditional on the counter's ETag, so the daily limit holds under
/// concurrency and a redelivered message, finding its own row, is never counted twice.
/// </summary>
public sealed partial class KudosStore(StorageTables tables, TimeProvider time, ILogger<KudosStore> logger)
{
    public const string TableName = "Kudos";
    private const string DayPrefix = "d|";

    public static string GiverPartition(string giverKey) => "g|" + giverKey;

    public static string ReceiverPartition(string receiverKey) => "r|" + receiverKey;

    public static string DayPartition(DateTimeOffset day) => DayPrefix + day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Stores <paramref name="kudos"/> and counts its receivers toward the giver's day, unless this
    /// message was stored before or the day's <paramref name="limit"/> would be passed.
    /// </summary>
    public async Task<KudosClaim> ClaimAsync(KudosEntity kudos, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kudos);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var count = kudos.ReceiverList.Count;
        for (var attempt = 1; ; attempt++)
        {
            var (counter, existing) = await ReadAsync(table, kudos.PartitionKey, kudos.RowKey, cancellationToken);
            if (existing is not null)
            {
                return new KudosClaim(KudosClaimStatus.AlreadyGiven, existing);
            }

            var used = counter?.Day == kudos.Day ? counter.Count : 0;
            if (used + count > limit)
            {
                return new KudosClaim(KudosClaimStatus.LimitReached, null, used);
            }

            var next = new KudosCounterEntity { PartitionKey = kudos.PartitionKey, Day = kudos.Day, Count = used + count };
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, kudos),
                counter is null ? new(TableTransactionActionType.Add, next) : new(TableTransactionActionType.UpdateReplace, next, counter.ETag),
            ];
            try
            {
                var response = await table.SubmitTransactionAsync(actions, cancellationToken);
                return new KudosClaim(KudosClaimStatus.Claimed, kudos with { ETag = response.Value[0].Headers.ETag ?? default });
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // The same message stored meanwhile (then the next read finds it), or another kudos counted first.
                LogConflict(logger, attempt);

                // A pause that lets a concurrent writer through, not a moment in time: real time, whatever clock the app runs on.
                await ConflictBackoff.WaitAsync(attempt, "A giver's kudos count", cancellationToken, e);
            }
        }
    }

    public async Task<KudosEntity?> GetAsync(string giverKey, string activityId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<KudosEntity>(GiverPartition(giverKey), KudosEntity.Row(activityId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Takes over sending a card that Teams refused before. False when someone else took it first.</summary>
    public async Task<bool> TryStartSendingAsync(KudosEntity kudos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kudos);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var patch = new TableEntity(kudos.PartitionKey, kudos.RowKey)
        {
            [nameof(KudosEntity.State)] = nameof(KudosState.Sending),
            [nameof(KudosEntity.SendingAt)] = time.GetUtcNow(),
        };
        try
        {
            await table.UpdateEntityAsync(patch, kudos.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Records how sending the card ended: posted (with its id), or refused by Teams and to be sent again.</summary>
    public async Task RecordSentAsync(KudosEntity kudos, string? cardActivityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kudos);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var patch = new TableEntity(kudos.PartitionKey, kudos.RowKey)
        {
            [nameof(KudosEntity.State)] = cardActivityId is null ? nameof(KudosState.Pending) : nameof(KudosState.Posted),
            [nameof(KudosEntity.CardActivityId)] = cardActivityId,
        };
        try
        {
            await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Forgotten meanwhile (forget me): nothing left to record.
        }
    }

    /// <summary>
    /// Notes the kudos in each receiver's index partition and in its day's partition, so that
    /// <c>forget me</c> and the retention purge find it. Idempotent.
    /// </summary>
    public async Task IndexAsync(KudosEntity kudos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kudos);
        var table = await tables.GetAsync(TableName, cancellationToken);
        await Task.WhenAll(IndexRows(kudos).Select(row => table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken)));
    }

    /// <summary>The index rows of a kudos: one per receiver and one for its day.</summary>
    public static IEnumerable<KudosIndexEntity> IndexRows(KudosEntity kudos)
    {
        ArgumentNullException.ThrowIfNull(kudos);
        foreach (var receiver in kudos.ReceiverList)
        {
            yield return IndexRow(ReceiverPartition(receiver.Key), kudos.GiverKey, kudos.ActivityId);
        }

        yield return IndexRow(DayPartition(kudos.CreatedAt), kudos.GiverKey, kudos.ActivityId);
    }

    /// <summary>Day index rows of every day before <paramref name="day"/>: a range of partition keys, not a scan.</summary>
    public async Task<IReadOnlyList<KudosIndexEntity>> ListDaysBeforeAsync(DateTimeOffset day, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {DayPrefix} and PartitionKey lt {DayPartition(day)}");
        return await table.QueryAsync<KudosIndexEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every row of a giver's partition: their kudos and their day counter (for <c>forget me</c>).</summary>
    public async Task<IReadOnlyList<TableEntity>> ListGiverRowsAsync(string giverKey, CancellationToken cancellationToken) =>
        await ListPartitionAsync<TableEntity>(GiverPartition(giverKey), cancellationToken);

    /// <summary>What a person received: their index partition.</summary>
    public async Task<IReadOnlyList<KudosIndexEntity>> ListReceivedAsync(string receiverKey, CancellationToken cancellationToken) =>
        await ListPartitionAsync<KudosIndexEntity>(ReceiverPartition(receiverKey), cancellationToken);

    /// <summary>Replaces a kudos row if it has not changed since it was read. False on a conflict.</summary>
    public async Task<bool> TryReplaceAsync(KudosEntity kudos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kudos);
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            await table.UpdateEntityAsync(kudos, kudos.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Deletes rows, each once, in transactions of up to 100 per partition. Rows already gone are fine.</summary>
    public async Task DeleteRowsAsync(IEnumerable<ITableEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteAllAsync(rows, cancellationToken);
    }

    private static KudosIndexEntity IndexRow(string partition, string giverKey, string activityId) => new()
    {
        PartitionKey = partition,
        RowKey = giverKey + "|" + TableKeys.Encode(activityId),
        GiverKey = giverKey,
        ActivityId = activityId,
    };

    /// <summary>The giver's counter and this message's kudos row, in one query.</summary>
    private static async Task<(KudosCounterEntity? Counter, KudosEntity? Kudos)> ReadAsync(TableClient table, string partition, string kudosRow, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {KudosCounterEntity.Row} or RowKey eq {kudosRow})");
        KudosCounterEntity? counter = null;
        KudosEntity? kudos = null;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == KudosCounterEntity.Row)
            {
                counter = TableRows.As<KudosCounterEntity>(row);
            }
            else
            {
                kudos = TableRows.As<KudosEntity>(row);
            }
        }

        return (counter, kudos);
    }

    private async Task<IReadOnlyList<T>> ListPartitionAsync<T>(string partition, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        return await table.QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A giver's kudos count changed under a write (attempt {Attempt}); reading again")]
    private static partial void LogConflict(ILogger logger, int attempt);
}

/// <summary>
/// What claiming a kudos found: it is now stored and counted (<see cref="Kudos"/> is the new row),
/// it was stored before by this very message (a redelivery; <see cref="Kudos"/> is that row), or
/// the giver has not enough kudos left today (<see cref="Used"/> says how many they gave).
/// </summary>
public sealed record KudosClaim(KudosClaimStatus Status, KudosEntity? Kudos, int Used = 0);

public enum KudosClaimStatus
{
    Claimed,
    AlreadyGiven,
    LimitReached,
}
