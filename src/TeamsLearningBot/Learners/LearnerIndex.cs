using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Learners;

/// <summary>
/// The learner index: one partition per learner (<c>l|{learner key}</c> of table
/// <c>ReflectionIndex</c>) naming everywhere <c>forget me</c> and the personal-chat commands must
/// look, so nothing is scanned. It holds a row per card the learner has rows on (row key = the
/// card's partition, written by <see cref="Reflections.ReflectionRecorder"/>) and a row per team or
/// group chat they have rows in (<c>t|{team}</c>), for badges, the leaderboard and insights alike.
/// <para>
/// Each row is written before the rows it points to exist, and <c>forget me</c> deletes the team
/// rows last, so an interrupted erasure is found again. A first contact writes its card row and its
/// team row in one transaction; when the team row was <em>added</em> there (not there before), the
/// learner has no rows in that team in any book, which the books use to skip reading for them
/// (<see cref="TeamIndexing.Added"/>).
/// </para>
/// </summary>
public sealed class LearnerIndex(StorageTables tables) : IDisposable
{
    public const string TableName = "ReflectionIndex";
    public const string TeamPrefix = "t|";

    // Row keys sharing a prefix form a contiguous range: '|' + 1 is '}'.
    private const string TeamsEnd = "t}";
    private const int MaxRemembered = 20_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    // Team rows this instance saw exist: they are upserted (not added) next time, so a known
    // learner's new card costs one request. Never used to skip a write: forget me elsewhere may
    // have deleted the row since.
    private readonly MemoryCache seen = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    public static string Partition(string learnerKey) => "l|" + learnerKey;

    public static string TeamRow(string teamId) => TeamPrefix + TableKeys.Encode(teamId);

    /// <summary>Whether a row of a learner's partition is a team row (the others name cards).</summary>
    public static bool IsTeamRow(string rowKey) => rowKey.StartsWith(TeamPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Notes, in one transaction, that a learner has rows on a card and in its team. With
    /// <paramref name="onlyIfNew"/> the card row is added only if absent: the result's
    /// <see cref="CardIndexing.CardAdded"/> is false when it was there already (the learner has, or
    /// once meant to have, rows on the card), and then the team row is not written either.
    /// </summary>
    public async Task<CardIndexing> AddCardAsync(string learnerKey, string teamId, string cardPartition, string channelId, string activityId, bool onlyIfNew, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(learnerKey);
        ArgumentNullException.ThrowIfNull(teamId);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(learnerKey);
        var card = new TableEntity(partition, cardPartition) { ["ChannelId"] = channelId, ["ActivityId"] = activityId };
        if (teamId.Length == 0)
        {
            return new CardIndexing(await AddOrUpsertAsync(table, card, onlyIfNew, cancellationToken), TeamIndexing.NotWritten);
        }

        var known = seen.TryGetValue(SeenKey(learnerKey, teamId), out _);
        for (var attempt = 1; ; attempt++)
        {
            var team = new TableEntity(partition, TeamRow(teamId)) { ["TeamId"] = teamId };
            try
            {
                await table.SubmitTransactionAsync(
                    [
                        new(onlyIfNew ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace, card),
                        new(known ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add, team),
                    ],
                    cancellationToken);
                Remember(learnerKey, teamId);
                return new CardIndexing(onlyIfNew, known ? TeamIndexing.Written : TeamIndexing.Added);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 0 && onlyIfNew)
            {
                // The card row is there: the learner is known on the card, and nothing was written.
                return new CardIndexing(false, TeamIndexing.NotWritten);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 1 && !known && attempt < 3)
            {
                // The team row is there: the learner has rows in the team. Upsert it this time.
                known = true;
                Remember(learnerKey, teamId);
            }
        }
    }

    /// <summary>
    /// Notes that a learner has (or is about to have) rows in a team: an upsert, idempotent. A book
    /// calls it before adding a learner's first row in a team, unless the event says the occurrence
    /// wrote it already (<see cref="TeamIndexing"/>).
    /// </summary>
    public async Task AddTeamAsync(string learnerKey, string teamId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(learnerKey);
        ArgumentException.ThrowIfNullOrEmpty(teamId);
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition(learnerKey), TeamRow(teamId)) { ["TeamId"] = teamId }, TableUpdateMode.Replace, cancellationToken);
        Remember(learnerKey, teamId);
    }

    /// <summary>The teams (and group chats) the learner has rows in: a range of their partition.</summary>
    public async Task<IReadOnlyList<string>> ListTeamsAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(learnerKey)} and RowKey ge {TeamPrefix} and RowKey lt {TeamsEnd}");
        var teams = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["TeamId"], cancellationToken: cancellationToken))
        {
            if (row.GetString("TeamId") is { Length: > 0 } teamId)
            {
                teams.Add(teamId);
            }
        }

        return teams;
    }

    /// <summary>Removes the learner's team rows: the last step of <c>forget me</c>, after every book has erased what they point to.</summary>
    public async Task<int> RemoveTeamsAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(learnerKey)} and RowKey ge {TeamPrefix} and RowKey lt {TeamsEnd}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "TeamId"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (row.GetString("TeamId") is { } teamId)
            {
                seen.Remove(SeenKey(learnerKey, teamId));
            }
        }

        return await table.DeleteAllAsync(rows, cancellationToken);
    }

    public void Dispose() => seen.Dispose();

    private static async Task<bool> AddOrUpsertAsync(TableClient table, TableEntity row, bool onlyIfNew, CancellationToken cancellationToken)
    {
        if (!onlyIfNew)
        {
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            return false;
        }

        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private void Remember(string learnerKey, string teamId) =>
        seen.Set(SeenKey(learnerKey, teamId), true, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });

    private static string SeenKey(string learnerKey, string teamId) => learnerKey + "\n" + teamId;
}

/// <summary>What <see cref="LearnerIndex.AddCardAsync"/> wrote: whether it added the card row, and the team row's state.</summary>
public readonly record struct CardIndexing(bool CardAdded, TeamIndexing Team);

/// <summary>
/// Whether the occurrence behind an event wrote the learner's team row in the <see cref="LearnerIndex"/>
/// before publishing it. Books index a learner's first row in a team themselves unless it did.
/// </summary>
public enum TeamIndexing
{
    /// <summary>Not by this occurrence: a book adding the learner's first row in the team writes it (<see cref="LearnerIndex.AddTeamAsync"/>).</summary>
    NotWritten,

    /// <summary>Written (it was there already, or may have been).</summary>
    Written,

    /// <summary>
    /// Added: it was not there, so the learner had no rows in the team in any book (every book
    /// indexes before it writes, and forget me removes the team rows last). A book may take its
    /// rows for them as new without reading; its conditional add still fails if one exists.
    /// </summary>
    Added,
}
