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
/// <item>Partition <c>chat|{tenant}</c>, row <c>{user id}</c>: the 1:1 chat the bot opened with
/// them, so it is created once. Keyed by the user id, not the learner key, so it links no key to a person.</item>
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

    /// <summary>The 1:1 chat the bot opened with the user before, if any.</summary>
    public async Task<(string ConversationId, string ServiceUrl)?> FindChatAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(ChatPartition(tenantId), TableKeys.Encode(userId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value!.GetString("ConversationId") is { Length: > 0 } id
            ? (id, response.Value.GetString("ServiceUrl") ?? string.Empty)
            : null;
    }

    public async Task SaveChatAsync(string tenantId, string userId, string conversationId, string serviceUrl, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(ChatPartition(tenantId), TableKeys.Encode(userId)) { ["ConversationId"] = conversationId, ["ServiceUrl"] = serviceUrl },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Deletes the learner's preference, team index and chat rows; returns how many there were.</summary>
    public async Task<int> EraseAsync(string learnerKey, string tenantId, string userId, CancellationToken cancellationToken)
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

        if ((await table.DeleteEntityAsync(ChatPartition(tenantId), TableKeys.Encode(userId), ETag.All, cancellationToken)).Status != 404)
        {
            erased++;
        }

        return erased;
    }

    private static string ChatPartition(string tenantId) => "chat|" + TableKeys.Encode(tenantId);
}
