using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Content;

/// <summary>Library items stay after <c>forget me</c>, but no longer name who added or suggested them.</summary>
public sealed class ContentPersonalDataEraser(TeamsLearningBot.Storage.StorageTables tables) : IPersonalDataEraser
{
    public string Category => "names on library items";

    public async Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var table = await tables.GetAsync(ContentStore.TableName, cancellationToken);
        var erased = 0;
        var userId = subject.UserId;
        await foreach (var item in table.QueryAsync<ContentEntity>(e => e.AddedById == userId || e.SuggestedById == userId, cancellationToken: cancellationToken))
        {
            // A merge cannot remove a property (nulls are not sent), so the row is replaced.
            if (item.AddedById == userId)
            {
                item.AddedById = null;
                item.AddedByName = null;
            }

            if (item.SuggestedById == userId)
            {
                item.SuggestedById = null;
                item.SuggestedByName = null;
            }

            await table.UpdateEntityAsync(item, item.ETag, TableUpdateMode.Replace, cancellationToken);
            erased++;
        }

        return erased;
    }
}
