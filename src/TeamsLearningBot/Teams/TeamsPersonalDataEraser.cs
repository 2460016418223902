using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Teams;

/// <summary>
/// Forgets a person in the Teams and Conversations tables: facilitator roles, installer names,
/// who added the other facilitators, and the personal chat reference. A rare operation, so a
/// filtered query across teams is fine here.
/// </summary>
public sealed class TeamsPersonalDataEraser(StorageTables tables) : IPersonalDataEraser
{
    public string Category => "facilitator roles and chat references";

    public async Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var erased = 0;
        var teams = await tables.GetAsync(TeamStore.TableName, cancellationToken);
        var facilitatorRow = FacilitatorEntity.RowPrefix + TableKeys.Encode(subject.UserId);
        await foreach (var row in teams.QueryAsync<TableEntity>(e => e.RowKey == facilitatorRow, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await teams.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            erased++;
        }

        // Facilitators the person added stay facilitators; who added them is forgotten.
        await foreach (var facilitator in teams.QueryAsync<FacilitatorEntity>(e => e.AddedById == subject.UserId, cancellationToken: cancellationToken))
        {
            facilitator.AddedById = null;
            await teams.UpdateEntityAsync(facilitator, ETag.All, TableUpdateMode.Replace, cancellationToken);
            erased++;
        }

        await foreach (var team in teams.QueryAsync<TeamEntity>(e => e.RowKey == TeamEntity.Row && e.InstalledById == subject.UserId, cancellationToken: cancellationToken))
        {
            // A merge cannot remove a property (nulls are not sent), so the row is replaced.
            team.InstalledById = null;
            team.InstalledByName = null;
            await teams.UpdateEntityAsync(team, team.ETag, TableUpdateMode.Replace, cancellationToken);
            erased++;
        }

        var conversations = await tables.GetAsync(ConversationStore.TableName, cancellationToken);
        var personal = await conversations.DeleteEntityAsync(TableKeys.Encode(subject.TenantId), ConversationStore.Personal + "|" + TableKeys.Encode(subject.UserId), ETag.All, cancellationToken);
        if (personal.Status != 404)
        {
            erased++;
        }

        return erased;
    }
}
