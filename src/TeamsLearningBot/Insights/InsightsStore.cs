using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Insights;

/// <summary>
/// Table <c>Insights</c>. Each team's (or group chat's) partition <c>t|{team}</c> holds:
/// <list type="bullet">
/// <item><c>e|{hash}</c>: a marker per counted event, added in the transaction that counts it, so a
/// repeated event fails on its marker and changes nothing;</item>
/// <item><c>u|{learner key}</c>: the learner's ledger (<see cref="LearnerLedger"/>): what they
/// contributed per week, item and channel, and the term counts they added, so <c>forget me</c> can
/// take exactly that back out;</item>
/// <item><c>t|{scope}|{tag}|b{block}|{shard}</c>: term counts of the reflections of four weeks on a
/// tag, week by week (<see cref="TermCounts"/>), sharded so that reflections at the same time rarely
/// meet on a row (rows written before the blocks, <c>t|{scope}|{tag}|{week}|{shard}</c>, are still
/// read, and move into their block at their next change);</item>
/// <item><c>p|{week}|{channel}|{root}</c>: the cards posted that week (which weeks had a drop, posts per item);</item>
/// <item><c>d|</c>, <c>b|</c>, <c>k|</c>, <c>r|</c>: the leaderboard's day rows and weekly-post facts
/// (<see cref="ITeamPartitionBook"/>), counted in the same transactions under the same markers.</item>
/// </list>
/// Partition <c>hidden</c> lists who asked to be left out of <c>experts</c>. The teams where a
/// learner has a ledger are in the <see cref="LearnerIndex"/>; partitions <c>l|{learner key}</c>
/// here (<see cref="LearnerTeams"/>) hold those indexed by older releases, still read and erased.
/// <para>
/// Rows changed by a commit are remembered with their ETags, and the commit is conditional on them:
/// a copy another instance overtook fails the transaction, is read again and the change applied again.
/// </para>
/// </summary>
public sealed class InsightsStore(StorageTables tables, LearnerIndex index) : IDisposable
{
    public const string TableName = "Insights";
    public const string LedgerPrefix = "u|";
    public const string TermPrefix = "t|";
    public const string PostPrefix = "p|";
    public const string MarkerPrefix = "e|";
    private const string HiddenPartition = "hidden";
    // Ledgers, term rows and the leaderboard's day rows.
    private const int MaxRemembered = 30_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private readonly MemoryCache rows = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    public static string Partition(string teamId) => "t|" + TableKeys.Encode(teamId);

    public static string LedgerRow(string learnerKey) => LedgerPrefix + TableKeys.Encode(learnerKey);

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    /// <summary>
    /// Counts events once each, in one transaction of one team's partition: their markers, and the
    /// rows <paramref name="build"/> changes for the events still to count (it is called again,
    /// with fewer events, when some were counted before, and again on a conflict). Returns how
    /// many events were new. Rows are read by point reads unless remembered from this instance's
    /// last write; <paramref name="onLearnersFirstRow"/> runs before a row of the learner's
    /// (<see cref="RowChange.LearnersRow"/>: a ledger, a day row) is added where none was.
    /// </summary>
    public async Task<int> CommitAsync(
        string teamId,
        IReadOnlyList<(string EventId, DateTimeOffset At)> events,
        Func<IReadOnlySet<string>, IReadOnlyList<RowChange>> build,
        Func<Task>? onLearnersFirstRow,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(build);
        var table = await TableAsync(cancellationToken);
        var partition = Partition(teamId);
        var pending = events.DistinctBy(e => e.EventId).Select(e => (e.EventId, e.At, Hash: Hash(e.EventId))).ToList();
        var learnerIndexed = false;
        var present = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var changes = build(pending.Select(p => p.EventId).ToHashSet(StringComparer.Ordinal));
            var current = await Task.WhenAll(changes.Select(c =>
                c.Upsert || (c.LikelyNew && !present.Contains(c.RowKey) && !IsRemembered(partition, c.RowKey))
                    ? Task.FromResult<TableEntity?>(null)
                    : CurrentAsync(table, partition, c.RowKey, cancellationToken)));
            if (!learnerIndexed && onLearnersFirstRow is not null && changes.Select((c, i) => (c, i)).Any(x => x.c.LearnersRow && current[x.i] is null))
            {
                // Indexed before the row exists, so forget me always finds it.
                await onLearnersFirstRow();
                learnerIndexed = true;
            }

            List<TableTransactionAction> actions = [.. pending.Select(p => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, MarkerPrefix + p.Hash) { ["At"] = p.At }))];
            var written = new List<(int Action, TableEntity Row)>();
            for (var i = 0; i < changes.Count; i++)
            {
                var next = changes[i].Apply(current[i] is { } found ? Copy(found) : null);
                if (next is null)
                {
                    continue;
                }

                next.PartitionKey = partition;
                next.RowKey = changes[i].RowKey;
                if (changes[i].Upsert)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, next));
                    continue;
                }

                written.Add((actions.Count, next));
                actions.Add(current[i] is { } existing
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, existing.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, next));
            }

            try
            {
                var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
                foreach (var (action, row) in written)
                {
                    if (responses[action].Headers.ETag is { } etag)
                    {
                        row.ETag = etag;
                        Remember(partition, row);
                    }
                }

                return pending.Count;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is { } index && index < pending.Count)
            {
                // Counted before (a redelivery), or at once elsewhere: leave out what was counted.
                pending.RemoveAt(index);
                var counted = await Task.WhenAll(pending.Select(p => table.GetEntityIfExistsAsync<TableEntity>(partition, MarkerPrefix + p.Hash, select: ["RowKey"], cancellationToken: cancellationToken)));
                pending = [.. pending.Where((_, i) => !counted[i].HasValue)];
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // A row changed (or appeared, or went) under us: forget what was remembered and read again.
                if (e.FailedTransactionActionIndex is { } index && index >= pending.Count && index < actions.Count)
                {
                    var rowKey = ((ITableEntity)actions[index].Entity).RowKey;
                    Forget(partition, rowKey);
                    present.Add(rowKey);
                }
                else
                {
                    foreach (var (_, row) in written)
                    {
                        Forget(partition, row.RowKey);
                        present.Add(row.RowKey);
                    }
                }

                await ConflictBackoff.WaitAsync(attempt, "Insights rows", cancellationToken);
            }
        }

        return 0;
    }

    /// <summary>Changes rows of one partition without markers (erasure, retention): read, change, write conditionally, until it holds.</summary>
    public async Task ChangeAsync(string partition, IReadOnlyList<RowChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var table = await TableAsync(cancellationToken);
        foreach (var change in changes)
        {
            for (var attempt = 1; ; attempt++)
            {
                Forget(partition, change.RowKey);
                var read = await table.GetEntityIfExistsAsync<TableEntity>(partition, change.RowKey, cancellationToken: cancellationToken);
                var current = read.HasValue ? read.Value : null;
                var next = change.Apply(current is null ? null : Copy(current));
                try
                {
                    if (current is null)
                    {
                        if (next is not null)
                        {
                            next.PartitionKey = partition;
                            next.RowKey = change.RowKey;
                            await table.AddEntityAsync(next, cancellationToken);
                        }
                    }
                    else if (next is null)
                    {
                        await table.DeleteEntityAsync(partition, change.RowKey, current.ETag, cancellationToken);
                    }
                    else
                    {
                        next.PartitionKey = partition;
                        next.RowKey = change.RowKey;
                        await table.UpdateEntityAsync(next, current.ETag, TableUpdateMode.Replace, cancellationToken);
                    }

                    break;
                }
                catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
                {
                    await ConflictBackoff.WaitAsync(attempt, "An insights row", cancellationToken, e);
                }
            }
        }
    }

    /// <summary>
    /// Changes several rows of one partition together, in one transaction conditional on what was
    /// read (a weekly term row moving into its block with a change to both): <paramref name="apply"/>
    /// gets the rows as they stand (null: absent) and gives the rows to write (null: delete or leave
    /// absent), in the order of <paramref name="rowKeys"/>. Read and applied again until it holds.
    /// </summary>
    public async Task ChangeTogetherAsync(string partition, IReadOnlyList<string> rowKeys, Func<IReadOnlyList<TableEntity?>, IReadOnlyList<TableEntity?>> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rowKeys);
        ArgumentNullException.ThrowIfNull(apply);
        var table = await TableAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            foreach (var rowKey in rowKeys)
            {
                Forget(partition, rowKey);
            }

            var read = await Task.WhenAll(rowKeys.Select(k => table.GetEntityIfExistsAsync<TableEntity>(partition, k, cancellationToken: cancellationToken)));
            var current = read.Select(r => r.HasValue ? r.Value : null).ToList();
            var next = apply([.. current.Select(c => c is null ? null : Copy(c))]);
            var actions = new List<TableTransactionAction>();
            for (var i = 0; i < rowKeys.Count; i++)
            {
                if (next[i] is { } row)
                {
                    row.PartitionKey = partition;
                    row.RowKey = rowKeys[i];
                    actions.Add(current[i] is { } existing
                        ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, existing.ETag)
                        : new TableTransactionAction(TableTransactionActionType.Add, row));
                }
                else if (current[i] is { } gone)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, gone, gone.ETag));
                }
            }

            if (actions.Count == 0)
            {
                return;
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                await ConflictBackoff.WaitAsync(attempt, "Insights rows", cancellationToken);
            }
        }
    }

    /// <summary>Rows of a team's partition whose keys start with <paramref name="prefix"/> and sort below <paramref name="to"/> (when given).</summary>
    public async Task<List<TableEntity>> RangeAsync(string teamId, string prefix, string? from, string? to, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var partition = Partition(teamId);
        var lower = from ?? prefix;
        var upper = to ?? prefix[..^1] + "}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {lower} and RowKey lt {upper}");
        var found = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: select, cancellationToken: cancellationToken))
        {
            found.Add(row);
        }

        return found;
    }

    /// <summary>Notes a posted card in its week. Idempotent (an upsert keyed by the card).</summary>
    public async Task NotePostAsync(string teamId, int week, string channelId, string rootId, int itemNumber, DateTimeOffset postedAt, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(Partition(teamId), PostRow(week, channelId, rootId))
            {
                ["ChannelId"] = channelId,
                ["Item"] = itemNumber,
                ["PostedAt"] = postedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public static string PostRow(int week, string channelId, string rootId) =>
        PostPrefix + InsightsWeeks.Key(week) + "|" + TableKeys.Encode(channelId) + "|" + TableKeys.Encode(rootId);

    public async Task<bool> IsHiddenAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(HiddenPartition, TableKeys.Encode(learnerKey), select: ["RowKey"], cancellationToken: cancellationToken);
        return row.HasValue;
    }

    public async Task SetHiddenAsync(string learnerKey, bool hidden, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        if (hidden)
        {
            await table.UpsertEntityAsync(new TableEntity(HiddenPartition, TableKeys.Encode(learnerKey)) { ["At"] = at }, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await table.DeleteEntityAsync(HiddenPartition, TableKeys.Encode(learnerKey), ETag.All, cancellationToken);
        }
    }

    /// <summary>
    /// The teams where a learner may have a ledger: those of the learner index, and those this
    /// table indexed (<c>l|{learner key}</c>) before the learner index kept teams.
    /// </summary>
    public async Task<IReadOnlyList<string>> TeamsOfAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var teams = index.ListTeamsAsync(learnerKey, cancellationToken);
        var older = LearnerTeams.ListAsync(await TableAsync(cancellationToken), learnerKey, cancellationToken);
        return [.. (await teams).Union(await older, StringComparer.Ordinal)];
    }

    public async Task UnindexLearnerAsync(string learnerKey, string teamId, CancellationToken cancellationToken) =>
        await LearnerTeams.RemoveAsync(await TableAsync(cancellationToken), learnerKey, teamId, cancellationToken);

    /// <summary>Deletes rows of one team's partition, 100 to a transaction, and forgets the copies this instance kept.</summary>
    public async Task<int> DeleteAsync(IReadOnlyList<TableEntity> found, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        foreach (var row in found)
        {
            Forget(row.PartitionKey, row.RowKey);
        }

        return await (await TableAsync(cancellationToken)).DeleteAllAsync(found, cancellationToken);
    }

    public void Dispose() => rows.Dispose();

    private async Task<TableEntity?> CurrentAsync(TableClient table, string partition, string rowKey, CancellationToken cancellationToken)
    {
        if (rows.TryGetValue(partition + "\n" + rowKey, out TableEntity? remembered) && remembered is not null)
        {
            return remembered;
        }

        var read = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        return read.HasValue ? read.Value : null;
    }

    private bool IsRemembered(string partition, string rowKey) => rows.TryGetValue(partition + "\n" + rowKey, out _);

    private void Remember(string partition, TableEntity row) =>
        rows.Set(partition + "\n" + row.RowKey, Copy(row), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });

    private void Forget(string partition, string rowKey) => rows.Remove(partition + "\n" + rowKey);

    private static TableEntity Copy(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey) { ETag = row.ETag };
        foreach (var (key, value) in row)
        {
            if (key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[key] = value;
            }
        }

        return copy;
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}

/// <summary>A change to one row of a partition: from the row as it stands (null when absent) to the row to write (null: leave or delete it).</summary>
public sealed record RowChange(string RowKey, Func<TableEntity?, TableEntity?> Apply)
{
    /// <summary>Written whatever stands (an idempotent note): not read first, not conditional.</summary>
    public bool Upsert { get; init; }

    /// <summary>
    /// Usually absent unless this instance wrote it (a term row of the week): added without being
    /// read first when it is not remembered; read only once an add meets a row.
    /// </summary>
    public bool LikelyNew { get; init; }

    /// <summary>A row of one learner's that forget me finds through the learner index: indexed before it is first added.</summary>
    public bool LearnersRow { get; init; }
}
