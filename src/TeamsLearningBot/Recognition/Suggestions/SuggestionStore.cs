using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Content;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// Table <c>Suggestions</c>. Each team's partition holds its suggestions (<c>s|{number}</c>), a
/// counter that hands out S1, S2, …, an index row per pending link (<c>url|{hash}</c>) and one per
/// <c>suggest</c> message (<c>src|{activity}</c>). A suggestion goes in with its counter bump and
/// both index rows in one transaction, so a link is pending at most once and a redelivered message
/// stores nothing new. Partitions <c>l|{learner key}</c> list the teams where a person suggested or
/// decided, which is how <c>forget me</c> finds their rows without a scan.
/// </summary>
public sealed class SuggestionStore(StorageTables tables)
{
    public const string TableName = "Suggestions";
    private const string CounterRow = "counter";
    private const string NextNumber = "NextNumber";
    private const string PointsTo = "Number";
    private const string UrlRowPrefix = "url|";
    private const string SourceRowPrefix = "src|";

    /// <summary>
    /// Stores a new pending suggestion under the next free number, unless this message was stored
    /// already or the link is already pending in the team.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(SuggestionEntity suggestion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(suggestion.TeamId);
        while (true)
        {
            if (await FindAsync(table, partition, SourceRow(suggestion.SourceActivityId), cancellationToken) is { } earlier)
            {
                return new SubmitResult(SubmitOutcome.Redelivered, earlier);
            }

            if (await FindAsync(table, partition, UrlRow(suggestion.Link), cancellationToken) is { } pending)
            {
                return new SubmitResult(SubmitOutcome.AlreadyPending, pending);
            }

            var counter = await table.GetEntityIfExistsAsync<TableEntity>(partition, CounterRow, cancellationToken: cancellationToken);
            var number = counter.HasValue ? counter.Value!.GetInt32(NextNumber) ?? 1 : 1;
            var stored = suggestion with { PartitionKey = partition, RowKey = Row(number), Number = number, Status = nameof(SuggestionStatus.Pending) };
            var next = new TableEntity(partition, CounterRow) { [NextNumber] = number + 1 };
            TableTransactionAction bump = counter.HasValue
                ? new(TableTransactionActionType.UpdateReplace, next, counter.Value!.ETag)
                : new(TableTransactionActionType.Add, next);
            try
            {
                await table.SubmitTransactionAsync(
                    [
                        bump,
                        new(TableTransactionActionType.Add, stored),
                        new(TableTransactionActionType.Add, Pointer(partition, UrlRow(stored.Link), number)),
                        new(TableTransactionActionType.Add, Pointer(partition, SourceRow(stored.SourceActivityId), number)),
                    ],
                    cancellationToken);
                return new SubmitResult(SubmitOutcome.Stored, await GetAsync(stored.TeamId, number, cancellationToken) ?? stored);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another suggestion took the number, the link or this message first: look again.
            }
        }
    }

    public async Task<SuggestionEntity?> GetAsync(string teamId, int number, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<SuggestionEntity>(Partition(teamId), Row(number), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The pending suggestion of a link in the team, if there is one.</summary>
    public async Task<SuggestionEntity?> FindPendingAsync(string teamId, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var table = await tables.GetAsync(TableName, cancellationToken);
        return await FindAsync(table, Partition(teamId), UrlRow(url), cancellationToken);
    }

    /// <summary>The team's pending suggestions, oldest first: a range of the team's partition.</summary>
    public async Task<IReadOnlyList<SuggestionEntity>> ListPendingAsync(string teamId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(teamId);
        var pending = nameof(SuggestionStatus.Pending);
        return await table.QueryAsync<SuggestionEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(SuggestionEntity.RowPrefix) >= 0 && e.RowKey.CompareTo("s}") < 0 && e.Status == pending,
            cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    /// <summary>Replaces a suggestion if it has not changed since it was read; null on a conflict.</summary>
    public async Task<SuggestionEntity?> TryReplaceAsync(SuggestionEntity suggestion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(suggestion, suggestion.ETag, TableUpdateMode.Replace, cancellationToken);
            return suggestion with { ETag = response.Headers.ETag ?? suggestion.ETag };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Records a decision on a pending suggestion and frees its link, in one transaction that holds
    /// only if nobody decided first (the ETag it was read with). Null when someone did.
    /// </summary>
    public async Task<SuggestionEntity?> TryDecideAsync(SuggestionEntity decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        var table = await tables.GetAsync(TableName, cancellationToken);
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, decided, decided.ETag)];
        var pointer = await table.GetEntityIfExistsAsync<TableEntity>(decided.PartitionKey, UrlRow(decided.Link), cancellationToken: cancellationToken);
        if (pointer.HasValue && pointer.Value!.GetInt32(PointsTo) == decided.Number)
        {
            actions.Add(new(TableTransactionActionType.Delete, pointer.Value, pointer.Value.ETag));
        }

        try
        {
            var response = await table.SubmitTransactionAsync(actions, cancellationToken);
            return decided with { ETag = response.Value[0].Headers.ETag ?? decided.ETag };
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Reads, changes and writes back a suggestion until the write holds; null when it is gone.</summary>
    public async Task<SuggestionEntity?> UpdateAsync(string teamId, int number, Func<SuggestionEntity, SuggestionEntity> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = await GetAsync(teamId, number, cancellationToken);
            if (current is null)
            {
                return null;
            }

            if (await TryReplaceAsync(change(current), cancellationToken) is { } stored)
            {
                return stored;
            }
        }
    }

    /// <summary>Notes that a person has rows in a team's partition (as suggester or decider). Idempotent.</summary>
    public async Task IndexPersonAsync(string learnerKey, string teamId, CancellationToken cancellationToken) =>
        await LearnerTeams.AddAsync(await tables.GetAsync(TableName, cancellationToken), learnerKey, teamId, cancellationToken);

    /// <summary>The teams where a person suggested or decided something.</summary>
    public async Task<IReadOnlyList<string>> TeamsOfAsync(string learnerKey, CancellationToken cancellationToken) =>
        await LearnerTeams.ListAsync(await tables.GetAsync(TableName, cancellationToken), learnerKey, cancellationToken);

    /// <summary>The suggestions a person made or decided, in every team where they did: ranges of those teams' partitions.</summary>
    public async Task<IReadOnlyList<SuggestionEntity>> ListInvolvingAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var rows = new List<SuggestionEntity>();
        foreach (var teamId in await TeamsOfAsync(learnerKey, cancellationToken))
        {
            var partition = Partition(teamId);
            await foreach (var row in table.QueryAsync<SuggestionEntity>(
                e => e.PartitionKey == partition && e.RowKey.CompareTo(SuggestionEntity.RowPrefix) >= 0 && e.RowKey.CompareTo("s}") < 0
                    && (e.SuggesterKey == learnerKey || e.DeciderKey == learnerKey),
                cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>
    /// Forgets a person: deletes the suggestions they made (pending ones free their link), removes
    /// their name from decisions they made, and drops their index. Returns the rows changed.
    /// </summary>
    public async Task<int> EraseAsync(string learnerKey, IReadOnlyList<SuggestionEntity> involving, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(involving);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var erased = 0;
        foreach (var row in involving)
        {
            erased += await EraseRowAsync(table, row, learnerKey, cancellationToken);
        }

        foreach (var teamId in await TeamsOfAsync(learnerKey, cancellationToken))
        {
            await LearnerTeams.RemoveAsync(table, learnerKey, teamId, cancellationToken);
        }

        return erased;
    }

    private static async Task<int> EraseRowAsync(TableClient table, SuggestionEntity row, string learnerKey, CancellationToken cancellationToken)
    {
        if (row.SuggesterKey == learnerKey)
        {
            var pointer = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, UrlRow(row.Link), cancellationToken: cancellationToken);
            if (pointer.HasValue && pointer.Value!.GetInt32(PointsTo) == row.Number)
            {
                await table.DeleteEntityAsync(pointer.Value.PartitionKey, pointer.Value.RowKey, ETag.All, cancellationToken);
            }

            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            return 1;
        }

        // Someone else's suggestion this person decided: it stays, without naming the decider.
        await table.UpdateEntityAsync(
            row with { DeciderKey = null, DecidedById = null, DecidedByName = null },
            ETag.All,
            TableUpdateMode.Replace,
            cancellationToken);
        return 1;
    }

    private static async Task<SuggestionEntity?> FindAsync(TableClient table, string partition, string pointerRow, CancellationToken cancellationToken)
    {
        var pointer = await table.GetEntityIfExistsAsync<TableEntity>(partition, pointerRow, cancellationToken: cancellationToken);
        if (!pointer.HasValue || pointer.Value!.GetInt32(PointsTo) is not { } number)
        {
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<SuggestionEntity>(partition, Row(number), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static TableEntity Pointer(string partition, string row, int number) => new(partition, row) { [PointsTo] = number };

    private static string UrlRow(Uri url) =>
        UrlRowPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ContentStore.UrlKey(url))))[..32];

    private static string SourceRow(string activityId) => SourceRowPrefix + TableKeys.Encode(activityId);

    internal static string Partition(string teamId) => TableKeys.Encode(teamId);

    private static string Row(int number) => SuggestionEntity.RowPrefix + number.ToString("D8", CultureInfo.InvariantCulture);
}

public enum SubmitOutcome
{
    Stored,

    /// <summary>The same <c>suggest</c> message again (a redelivery): the suggestion it stored.</summary>
    Redelivered,

    /// <summary>Someone already suggested the link and it awaits a decision: that suggestion.</summary>
    AlreadyPending,
}

/// <summary>What <see cref="SuggestionStore.SubmitAsync"/> did, and the suggestion it is about.</summary>
public sealed record SubmitResult(SubmitOutcome Outcome, SuggestionEntity Suggestion);
