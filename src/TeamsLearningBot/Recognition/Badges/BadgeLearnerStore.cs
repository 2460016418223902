using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Table <c>BadgeLearners</c>: what recognition keeps about a person across teams.
/// <list type="bullet">
/// <item>Partition <c>{learner key}</c>: row <c>prefs</c> (notifications on or off) and one row
/// <c>t|{team}</c> per team the learner has badge progress in — the index that lets
/// <c>my badges</c> in a personal chat and <c>forget me</c> find their partitions without a scan.</item>
/// <item>Partition <c>chat|{tenant}</c> belongs to <see cref="Chats.PersonalChats"/>: the 1:1 chats the bot opened.</item>
/// </list>
/// </summary>
public sealed class BadgeLearnerStore(StorageTables tables, TimeProvider time)
{
    public const string TableName = "BadgeLearners";
    private const string PreferencesRow = "prefs";
    private const string TeamPrefix = "t|";

    public async Task AddTeamAsync(string learnerKey, string teamId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(learnerKey, TeamPrefix + TableKeys.Encode(teamId)) { ["TeamId"] = teamId }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The teams (or group chats) the learner has badge progress in.</summary>
    public async Task<IReadOnlyList<string>> ListTeamsAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var teams = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {learnerKey} and RowKey ge {TeamPrefix} and RowKey lt {"t}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetString("TeamId") is { Length: > 0 } teamId)
            {
                teams.Add(teamId);
            }
        }

        return teams;
    }

    /// <summary>Whether the learner said <c>stop notifications</c> (and not <c>start notifications</c> since).</summary>
    public async Task<bool> IsNotificationsOffAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(learnerKey, PreferencesRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value!.GetBoolean("NotificationsOff") == true;
    }

    public async Task SetNotificationsOffAsync(string learnerKey, bool off, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(learnerKey, PreferencesRow) { ["NotificationsOff"] = off, ["ChangedAt"] = time.GetUtcNow() },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Deletes the learner's preference and team index rows; returns how many there were.</summary>
    public async Task<int> EraseAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var erased = 0;
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {learnerKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        foreach (var row in rows)
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            erased++;
        }

        return erased;
    }
}
