using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Table <c>Reflections</c>: one partition per posted card (<see cref="PostKey.Partition"/>) holding
/// the card row with its totals, one row per participant and one per reflection. A reflection,
/// the learner's rating and the new totals commit in one entity-group transaction, conditional on
/// the card row's ETag, so concurrent writers never lose a count. The rows a write needs usually
/// come from <see cref="CardRowCache"/>, kept current by this store's own writes; others are read by
/// point reads where one row is missing, or by one query where several are.
/// </summary>
public sealed class ReflectionStore(StorageTables tables, CardRowCache cards)
{
    public const string TableName = "Reflections";

    // Row keys sharing a prefix form a contiguous range: '|' + 1 is '}'.
    private const string ReflectionsEnd = "r}";

    /// <summary>Creates the card row. False when it exists already (a repeated open changes nothing).</summary>
    public async Task<bool> OpenAsync(ReflectionPostEntity post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            await table.AddEntityAsync(post with { PartitionKey = post.Key.Partition, RowKey = ReflectionPostEntity.Row }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<ReflectionPostEntity?> GetPostAsync(PostKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var post = await GetAsync<ReflectionPostEntity>(table, key.Partition, ReflectionPostEntity.Row, cancellationToken);
        if (post is null)
        {
            cards.Forget(key.Partition);
        }
        else
        {
            cards.Remember(post);
        }

        return post;
    }

    /// <summary>
    /// Everything a write needs, each row with its ETag: the card row, the learner's participant
    /// row and the reflection row of <paramref name="sourceId"/>, in at most one request.
    /// <list type="bullet">
    /// <item>When the card row is remembered (<see cref="CardRowCache"/>), so may the participant row be:
    /// remembered rows cost nothing, and any other row asked for costs one point read, or one query
    /// for two. With <paramref name="guessParticipant"/> nothing is read: a participant row not
    /// remembered is unknown (the write assumes it is new, and its transaction fails if not) and so
    /// is the reflection row (the transaction finds a duplicate).</item>
    /// <item>Otherwise one query reads the rows asked for together. Its <c>or</c> of row keys scans
    /// the card's partition, which is why the card row is remembered: this is the rare read.</item>
    /// </list>
    /// </summary>
    public async Task<CardSnapshot> ReadAsync(PostKey key, string? learnerKey, string? sourceId, CancellationToken cancellationToken, bool guessParticipant = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await tables.GetAsync(TableName, cancellationToken);
        if (cards.Find(key) is not { } remembered)
        {
            var read = await QueryRowsAsync(table, key, learnerKey, sourceId, cancellationToken);
            if (read.Post is not null)
            {
                cards.Remember(read.Post);
            }

            return read;
        }

        var knownParticipant = learnerKey is null ? null : cards.FindParticipant(key, learnerKey, remembered.ETag);
        var readParticipant = learnerKey is not null && knownParticipant is null && !guessParticipant;
        var readReflection = sourceId is not null && !guessParticipant;
        if (readParticipant && readReflection)
        {
            // Two rows to read either way: one request.
            var both = await QueryRowsAsync(table, key, learnerKey, sourceId, cancellationToken);
            return both with { Post = remembered };
        }

        var participant = readParticipant ? await GetAsync<ParticipantEntity>(table, key.Partition, ParticipantEntity.Row(learnerKey!), cancellationToken) : knownParticipant;
        var reflection = readReflection ? await GetAsync<ReflectionEntity>(table, key.Partition, ReflectionEntity.Row(sourceId!), cancellationToken) : null;
        return new CardSnapshot(remembered, participant, reflection)
        {
            ParticipantKnown = learnerKey is null || knownParticipant is not null || readParticipant,
        };
    }

    /// <summary>
    /// Whether the next write for this learner would guess their participant row: the card row is
    /// remembered but their row on it is not.
    /// </summary>
    public bool WouldGuessParticipant(PostKey key, string learnerKey) => GuessedCard(key, learnerKey) is not null;

    /// <summary>The remembered card row when the next write for this learner would guess their participant row (see <see cref="WouldGuessParticipant"/>).</summary>
    public ReflectionPostEntity? GuessedCard(PostKey key, string learnerKey)
    {
        ArgumentNullException.ThrowIfNull(key);
        return cards.Find(key) is { } remembered && cards.FindParticipant(key, learnerKey, remembered.ETag) is null ? remembered : null;
    }

    /// <summary>One reflection row (a point read).</summary>
    public async Task<ReflectionEntity?> GetReflectionAsync(PostKey key, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await tables.GetAsync(TableName, cancellationToken);
        return await GetAsync<ReflectionEntity>(table, key.Partition, ReflectionEntity.Row(sourceId), cancellationToken);
    }

    /// <summary>
    /// Commits one change to a card in a single transaction: the card row (replaced if its ETag
    /// still matches), the participant row (added when <paramref name="newParticipant"/>, which
    /// fails if it exists), and a reflection added or removed.
    /// </summary>
    public async Task<CommitOutcome> CommitAsync(
        ReflectionPostEntity post,
        ParticipantEntity? participant,
        ReflectionEntity? added,
        ReflectionEntity? removed,
        CancellationToken cancellationToken,
        bool newParticipant = false)
    {
        ArgumentNullException.ThrowIfNull(post);
        var actions = new List<TableTransactionAction>(4)
        {
            new(TableTransactionActionType.UpdateReplace, post, post.ETag),
        };
        var participantAt = -1;
        if (participant is not null)
        {
            participantAt = actions.Count;
            actions.Add(new(newParticipant ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace, participant));
        }

        var addedAt = -1;
        if (added is not null)
        {
            addedAt = actions.Count;
            actions.Add(new(TableTransactionActionType.Add, added));
        }

        if (removed is not null)
        {
            actions.Add(new(TableTransactionActionType.Delete, removed, removed.ETag));
        }

        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
            cards.Remember(post with { ETag = responses[0].Headers.ETag ?? default }, post.ETag, participant);
            return CommitOutcome.Committed;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == addedAt)
        {
            return CommitOutcome.Duplicate;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == participantAt)
        {
            return CommitOutcome.ParticipantExists;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            cards.Forget(post.PartitionKey, post.ETag);
            return CommitOutcome.Conflict;
        }
    }

    /// <summary>Replaces a card row if it has not changed since it was read. False on a conflict.</summary>
    public async Task<ReflectionPostEntity?> TryReplacePostAsync(ReflectionPostEntity post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(post, post.ETag, TableUpdateMode.Replace, cancellationToken);
            var replaced = post with { ETag = response.Headers.ETag ?? default };
            cards.Remember(replaced, post.ETag, null);
            return replaced;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            cards.Forget(post.PartitionKey, post.ETag);
            return null;
        }
    }

    /// <summary>An edit of a reflection's text: no count changes, so the card row is not touched.</summary>
    public async Task UpdateTextAsync(ReflectionEntity reflection, string text, DateTimeOffset editedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reflection);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var patch = new TableEntity(reflection.PartitionKey, reflection.RowKey)
        {
            [nameof(ReflectionEntity.Text)] = text,
            [nameof(ReflectionEntity.EditedAt)] = editedAt,
        };
        try
        {
            await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Deleted meanwhile: the delete wins.
        }
    }

    /// <summary>Every reflection on a card (listings and retention read these; never a hot path).</summary>
    public async Task<IReadOnlyList<ReflectionEntity>> ListReflectionsAsync(PostKey key, DateTimeOffset? createdBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key.Partition} and RowKey ge {ReflectionEntity.RowPrefix} and RowKey lt {ReflectionsEnd}");
        if (createdBefore is { } before)
        {
            filter += " and " + TableClient.CreateQueryFilter($"CreatedAt lt {before}");
        }

        return await QueryAsync<ReflectionEntity>(filter, cancellationToken);
    }

    /// <summary>Reflections from the card form not yet posted into the thread.</summary>
    public async Task<IReadOnlyList<ReflectionEntity>> ListUnechoedAsync(PostKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await QueryAsync<ReflectionEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {key.Partition} and RowKey ge {ReflectionEntity.RowPrefix} and RowKey lt {ReflectionsEnd} and Echoed eq {false}"),
            cancellationToken);
    }

    /// <summary>Reflections that one thread message of the bot carries.</summary>
    public async Task<IReadOnlyList<ReflectionEntity>> ListEchoedInAsync(PostKey key, string echoActivityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await QueryAsync<ReflectionEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {key.Partition} and RowKey ge {ReflectionEntity.RowPrefix} and RowKey lt {ReflectionsEnd} and EchoActivityId eq {echoActivityId}"),
            cancellationToken);
    }

    /// <summary>Records that reflections are about to be posted into the thread (<see cref="ReflectionEntity.EchoSending"/>), or that they were not.</summary>
    public Task MarkEchoSendingAsync(IReadOnlyList<ReflectionEntity> reflections, bool sending, CancellationToken cancellationToken) =>
        MergeAsync(reflections, r => new TableEntity(r.PartitionKey, r.RowKey) { [nameof(ReflectionEntity.EchoSending)] = sending }, cancellationToken);

    /// <summary>
    /// Records that reflections were posted into the thread as <paramref name="echoActivityId"/>; null when
    /// Teams' answer was lost (they may be there: never posted again, and their sending mark stays as the sign).
    /// </summary>
    public Task MarkEchoedAsync(IReadOnlyList<ReflectionEntity> reflections, string? echoActivityId, CancellationToken cancellationToken) =>
        MergeAsync(
            reflections,
            r => echoActivityId is null
                ? new TableEntity(r.PartitionKey, r.RowKey) { [nameof(ReflectionEntity.Echoed)] = true, [nameof(ReflectionEntity.EchoActivityId)] = string.Empty }
                : new TableEntity(r.PartitionKey, r.RowKey) { [nameof(ReflectionEntity.Echoed)] = true, [nameof(ReflectionEntity.EchoActivityId)] = echoActivityId, [nameof(ReflectionEntity.EchoSending)] = false },
            cancellationToken);

    // In transactions of up to 100 rows; a row deleted meanwhile (forget me) is passed over.
    private async Task MergeAsync(IReadOnlyList<ReflectionEntity> reflections, Func<ReflectionEntity, TableEntity> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reflections);
        var table = await tables.GetAsync(TableName, cancellationToken);
        foreach (var chunk in reflections.Chunk(100))
        {
            var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, change(r), ETag.All)).ToList();
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // One was deleted meanwhile (forget me); mark the others one by one.
                foreach (var action in actions)
                {
                    try
                    {
                        await table.UpdateEntityAsync((TableEntity)action.Entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
                    }
                    catch (RequestFailedException gone) when (gone.Status == 404)
                    {
                    }
                }
            }
        }
    }

    /// <summary>The card row and every row of one learner on a card (for <c>forget me</c>).</summary>
    public async Task<(ReflectionPostEntity? Post, IReadOnlyList<ReflectionEntity> Reflections, ParticipantEntity? Participant)> ReadLearnerAsync(PostKey key, string learnerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key.Partition} and (RowKey eq {ReflectionPostEntity.Row} or LearnerKey eq {learnerKey})");
        ReflectionPostEntity? post = null;
        ParticipantEntity? participant = null;
        var reflections = new List<ReflectionEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == ReflectionPostEntity.Row)
            {
                post = TableRows.As<ReflectionPostEntity>(row);
            }
            else if (row.RowKey.StartsWith(ParticipantEntity.RowPrefix, StringComparison.Ordinal))
            {
                participant = TableRows.As<ParticipantEntity>(row);
            }
            else if (row.RowKey.StartsWith(ReflectionEntity.RowPrefix, StringComparison.Ordinal))
            {
                reflections.Add(TableRows.As<ReflectionEntity>(row));
            }
        }

        return (post, reflections, participant);
    }

    /// <summary>
    /// Removes a learner's rows from a card and takes their share out of the totals, in one
    /// transaction conditional on the card row (≤ 99 reflections per call; the caller loops).
    /// </summary>
    public async Task<CommitOutcome> EraseAsync(ReflectionPostEntity post, IReadOnlyList<ReflectionEntity> reflections, ParticipantEntity? participant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(reflections);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, post, post.ETag) };
        actions.AddRange(reflections.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)));
        if (participant is not null)
        {
            actions.Add(new(TableTransactionActionType.Delete, participant, ETag.All));
        }

        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
            cards.Remember(post with { ETag = responses[0].Headers.ETag ?? default });
            return CommitOutcome.Committed;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
        {
            cards.Forget(post.PartitionKey, post.ETag);
            return CommitOutcome.Conflict;
        }
    }

    /// <summary>
    /// Deletes participant rows of a card, in transactions that also replace the card row under its
    /// ETag (up to 99 rows each): every instance's remembered copy of the card, and of the
    /// participants written with it, is then stale, so none can write a deleted participant back
    /// from memory. A conflict reads the card again and retries; a card already gone is fine.
    /// </summary>
    public async Task DeleteParticipantsAsync(PostKey key, IReadOnlyList<ParticipantEntity> participants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(participants);
        var table = await tables.GetAsync(TableName, cancellationToken);
        foreach (var chunk in participants.Chunk(99))
        {
            for (var attempt = 1; ; attempt++)
            {
                var post = await GetAsync<ReflectionPostEntity>(table, key.Partition, ReflectionPostEntity.Row, cancellationToken);
                if (post is null)
                {
                    cards.Forget(key.Partition);
                    await DeleteRowsAsync(chunk, cancellationToken);
                    break;
                }

                var touched = post with { Version = post.Version + 1 };
                var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, touched, post.ETag) };
                actions.AddRange(chunk.Select(p => new TableTransactionAction(TableTransactionActionType.Delete, p, ETag.All)));
                try
                {
                    await table.SubmitTransactionAsync(actions, cancellationToken);
                    cards.Forget(key.Partition);
                    break;
                }
                catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex > 0)
                {
                    // A participant went meanwhile (forget me): delete the rest one by one, then touch the card.
                    await DeleteRowsAsync(chunk, cancellationToken);
                    await TouchAsync(key, cancellationToken);
                    break;
                }
                catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && attempt < 10)
                {
                    // The card changed meanwhile: read it again.
                }
            }
        }
    }

    /// <summary>Replaces the card row unchanged but for its version, so every remembered copy is stale.</summary>
    private async Task TouchAsync(PostKey key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            if (await GetPostAsync(key, cancellationToken) is not { } post ||
                await TryReplacePostAsync(post with { Version = post.Version + 1 }, cancellationToken) is not null)
            {
                cards.Forget(key.Partition);
                return;
            }
        }

        throw new InvalidOperationException("A card kept changing while its participants were purged; the next pass tries again.");
    }

    /// <summary>Deletes rows of one card, in transactions of up to 100. Rows already gone are fine.</summary>
    public async Task DeleteRowsAsync(IEnumerable<ITableEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();

        // Participant rows deleted without the card row: what is remembered of them goes too.
        foreach (var partition in list.Select(r => r.PartitionKey).Distinct(StringComparer.Ordinal))
        {
            cards.Forget(partition);
        }

        await (await tables.GetAsync(TableName, cancellationToken)).DeleteAllAsync(list, cancellationToken);
    }

    /// <summary>The participant rows of a card.</summary>
    public async Task<IReadOnlyList<ParticipantEntity>> ListParticipantsAsync(PostKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await QueryAsync<ParticipantEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {key.Partition} and RowKey ge {ParticipantEntity.RowPrefix} and RowKey lt {"p}"}"),
            cancellationToken);
    }

    /// <summary>The card row and the other rows asked for, in one query of the card's partition.</summary>
    private static async Task<CardSnapshot> QueryRowsAsync(TableClient table, PostKey key, string? learnerKey, string? sourceId, CancellationToken cancellationToken)
    {
        var rows = new List<string> { ReflectionPostEntity.Row };
        if (learnerKey is not null)
        {
            rows.Add(ParticipantEntity.Row(learnerKey));
        }

        if (sourceId is not null)
        {
            rows.Add(ReflectionEntity.Row(sourceId));
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key.Partition}") + " and (" +
            string.Join(" or ", rows.Select(r => TableClient.CreateQueryFilter($"RowKey eq {r}"))) + ")";
        ReflectionPostEntity? post = null;
        ParticipantEntity? participant = null;
        ReflectionEntity? reflection = null;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == ReflectionPostEntity.Row)
            {
                post = TableRows.As<ReflectionPostEntity>(row);
            }
            else if (row.RowKey.StartsWith(ParticipantEntity.RowPrefix, StringComparison.Ordinal))
            {
                participant = TableRows.As<ParticipantEntity>(row);
            }
            else
            {
                reflection = TableRows.As<ReflectionEntity>(row);
            }
        }

        return new CardSnapshot(post, participant, reflection);
    }

    private static async Task<T?> GetAsync<T>(TableClient table, string partition, string row, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var response = await table.GetEntityIfExistsAsync<T>(partition, row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string filter, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        return await table.QueryAsync<T>(filter, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }
}

/// <summary>What one read of a card's partition found: the card, one learner's part, one reflection.</summary>
public sealed record CardSnapshot(ReflectionPostEntity? Post, ParticipantEntity? Participant, ReflectionEntity? Reflection)
{
    /// <summary>False when the participant row was neither remembered nor read (a guess): null then means unknown, not absent.</summary>
    public bool ParticipantKnown { get; init; } = true;
}

public enum CommitOutcome
{
    Committed,

    /// <summary>The card's totals changed since they were read: read again and retry.</summary>
    Conflict,

    /// <summary>The reflection is stored already (a redelivered activity).</summary>
    Duplicate,

    /// <summary>The participant row assumed new exists: read it and retry.</summary>
    ParticipantExists,
}
