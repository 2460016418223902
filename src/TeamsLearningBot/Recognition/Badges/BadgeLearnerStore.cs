using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Table <c>BadgeLearners</c>: what recognition keeps about a person across teams.
/// <list type="bullet">
/// <item>Partition <c>{learner key}</c>: row <c>prefs</c> (notifications on or off), and rows
/// <c>t|{team}</c> per team the learner had badge progress in when they were written (older
/// releases: the teams are now kept in the <see cref="LearnerIndex"/>, and these are still read
/// and erased).</item>
/// <item>Partition <c>chat|{tenant}</c> belongs to <see cref="Chats.PersonalChats"/>: the 1:1 chats the bot opened.</item>
/// </list>
/// </summary>
public sealed class BadgeLearnerStore(StorageTables tables, LearnerIndex index, TimeProvider time)
{
    public const string TableName = "BadgeLearners";
    private const string PreferencesRow = "prefs";
    private const string TeamPrefix = "t|";

    /// <summary>
    /// The teams (or group chats) the learner may have badge progress in: those of the learner
    /// index, and those this table indexed before the learner index kept teams.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListTeamsAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var teams = new List<string>(await index.ListTeamsAsync(learnerKey, cancellationToken));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {learnerKey} and RowKey ge {TeamPrefix} and RowKey lt {"t}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetString("TeamId") is { Length: > 0 } teamId)
            {
                teams.Add(teamId);
            }
        }

        return [.. teams.Distinct(StringComparer.Ordinal)];
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
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {learnerKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ToListAsync(cancellationToken);

        foreach (var row in rows)
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            erased++;
        }

        return erased;
    }
}
