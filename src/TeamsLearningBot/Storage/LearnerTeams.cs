using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Storage;

/// <summary>
/// A table's index of the teams where a learner has rows: partition <c>l|{learner key}</c>, one
/// row per team (row key: the encoded team id, property <c>TeamId</c>). It lets <c>forget me</c>
/// and personal-chat commands find a learner's partitions without a scan. Each table that keeps
/// rows per learner and team keeps its own.
/// </summary>
public static class LearnerTeams
{
    private const string Prefix = "l|";

    /// <summary>Notes that a learner has rows in a team. Idempotent.</summary>
    public static Task AddAsync(TableClient table, string learnerKey, string teamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.UpsertEntityAsync(
            new TableEntity(Prefix + learnerKey, TableKeys.Encode(teamId)) { ["TeamId"] = teamId },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public static async Task<IReadOnlyList<string>> ListAsync(TableClient table, string learnerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var partition = Prefix + learnerKey;
        var teams = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (row.GetString("TeamId") is { Length: > 0 } teamId)
            {
                teams.Add(teamId);
            }
        }

        return teams;
    }

    /// <summary>Drops one team from a learner's index; a row already gone is fine.</summary>
    public static Task RemoveAsync(TableClient table, string learnerKey, string teamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.DeleteEntityAsync(Prefix + learnerKey, TableKeys.Encode(teamId), ETag.All, cancellationToken);
    }
}
