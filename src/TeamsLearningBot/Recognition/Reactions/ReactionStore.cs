using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Reactions;

/// <summary>
/// Table <c>Reactions</c>: the reactions on reflections that were counted, one row per reactor,
/// reflection and reaction type, in the reactor's partition (so <c>forget me</c> reads one
/// partition). Removing a reaction takes back only what was counted: a reaction added before the
/// bot could see it, or by the author, is never taken from the author's count.
/// </summary>
public sealed class ReactionStore(StorageTables tables)
{
    public const string TableName = "Reactions";

    public async Task<bool> IsCountedAsync(string reactorKey, string subjectId, string reactionType, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(reactorKey, Row(subjectId, reactionType), select: ["RowKey"], cancellationToken: cancellationToken);
        return row.HasValue;
    }

    public async Task MarkCountedAsync(string reactorKey, string subjectId, string reactionType, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(reactorKey, Row(subjectId, reactionType)), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task UnmarkAsync(string reactorKey, string subjectId, string reactionType, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(reactorKey, Row(subjectId, reactionType), ETag.All, cancellationToken);
    }

    /// <summary>Deletes every row of a reactor (<c>forget me</c>); returns how many there were.</summary>
    public async Task<int> RemoveReactorAsync(string reactorKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {reactorKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ToListAsync(cancellationToken);

        return await table.DeleteAllAsync(rows, cancellationToken);
    }

    private static string Row(string subjectId, string reactionType) => subjectId + "|" + TableKeys.Encode(reactionType);
}
