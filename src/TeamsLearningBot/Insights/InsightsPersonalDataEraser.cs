using Azure.Data.Tables;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Insights;

/// <summary>
/// <c>forget me</c> for insights: in every team where the person has a ledger, takes their term
/// counts and quote references back out of the shared term rows (moving a row of the weekly layout
/// before blocks into its block as it does), then deletes the ledger (which holds everything else
/// they counted for), the team's index row and their "hide me" choice. Their reflections
/// themselves go with the reflections eraser, so no quote can come back.
/// </summary>
public sealed class InsightsPersonalDataEraser(InsightsStore store, TimeProvider time) : IPersonalDataEraser
{
    public string Category => "insights records";

    public async Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var erased = 0;
        var table = await store.TableAsync(cancellationToken);
        foreach (var teamId in await store.TeamsOfAsync(subject.LearnerKey, cancellationToken))
        {
            var partition = InsightsStore.Partition(teamId);
            var read = await table.GetEntityIfExistsAsync<TableEntity>(partition, InsightsStore.LedgerRow(subject.LearnerKey), cancellationToken: cancellationToken);
            if (read.HasValue)
            {
                var ledger = LearnerLedger.FromRow(read.Value);
                var blocks = ledger.Terms.Keys.Union(ledger.Quotes.Keys, StringComparer.Ordinal).GroupBy(TermRows.BlockKeyOf, StringComparer.Ordinal);
                foreach (var block in blocks)
                {
                    await SubtractAsync(partition, block.Key, [.. block], ledger, cancellationToken);
                }

                await store.DeleteAsync([read.Value!], cancellationToken);
                erased++;
            }

            await store.UnindexLearnerAsync(subject.LearnerKey, teamId, cancellationToken);
        }

        if (await store.IsHiddenAsync(subject.LearnerKey, cancellationToken))
        {
            await store.SetHiddenAsync(subject.LearnerKey, false, time.GetUtcNow(), cancellationToken);
            erased++;
        }

        return erased;
    }

    /// <summary>
    /// Takes the person's shares of one block row out (their weekly keys name the weeks), in one
    /// transaction with moving the weekly rows under those keys, where they still exist, into the block.
    /// </summary>
    private Task SubtractAsync(string partition, string blockKey, IReadOnlyList<string> weekKeys, LearnerLedger ledger, CancellationToken cancellationToken) =>
        store.ChangeTogetherAsync(
            partition,
            [blockKey, .. weekKeys],
            rows =>
            {
                var block = rows[0] is { } found ? TermCounts.FromRow(found) : TermCounts.Empty(TermRows.WeekOf(weekKeys[0]));
                foreach (var weekly in rows.Skip(1).OfType<TableEntity>())
                {
                    block.Absorb(TermCounts.FromRow(weekly));
                }

                foreach (var key in weekKeys)
                {
                    var refs = ledger.Quotes.GetValueOrDefault(key);
                    block.Subtract(TermRows.WeekOf(key), ledger.Terms.GetValueOrDefault(key), refs, refs?.Count ?? 0);
                }

                return [block.IsEmpty ? null : block.ToRow(), .. weekKeys.Select(_ => (TableEntity?)null)];
            },
            cancellationToken);
}
