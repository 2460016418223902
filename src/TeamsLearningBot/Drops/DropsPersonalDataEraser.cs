using Azure.Data.Tables;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>Drops keep running after <c>forget me</c>, but no longer name who scheduled them.</summary>
public sealed class DropsPersonalDataEraser(StorageTables tables, DropStore drops) : IPersonalDataEraser
{
    public string Category => "names on scheduled drops";

    public async Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var table = await tables.GetAsync(DropStore.TableName, cancellationToken);
        var userId = subject.UserId;
        var erased = 0;

        // A privacy sweep, not a hot path: one filtered pass over the table.
        await foreach (var row in table.QueryAsync<DropEntity>(e => e.CreatedById == userId, cancellationToken: cancellationToken))
        {
            var drop = row.ToDrop();
            while (drop is { CreatedById: not null } && drop.CreatedById == userId)
            {
                // Replaced with the ETag read: a scheduler's claim in between is kept, and the name is erased on the fresh copy.
                if (await drops.TryReplaceAsync(drop with { CreatedById = null, CreatedByName = null }, cancellationToken) is not null)
                {
                    erased++;
                    break;
                }

                drop = await drops.GetAsync(drop.TeamId, drop.Number, cancellationToken);
            }
        }

        return erased;
    }
}
