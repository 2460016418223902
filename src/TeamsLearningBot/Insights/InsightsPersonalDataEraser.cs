using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Insights;

/// <summary>
/// <c>forget me</c> for insights: in every team where the person has a ledger, takes their term
/// counts and quote references back out of the shared term rows, then deletes the ledger (which
/// holds everything else they counted for), the team's index row and their "hide me" choice.
/// Their reflections themselves go with the reflections eraser, so no quote can come back.
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
            var read = await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(partition, InsightsStore.LedgerRow(subject.LearnerKey), cancellationToken: cancellationToken);
            if (read.HasValue)
            {
                var ledger = LearnerLedger.FromRow(read.Value);
                var rows = ledger.Terms.Keys.Union(ledger.Quotes.Keys, StringComparer.Ordinal).ToList();
                await store.ChangeAsync(
                    partition,
                    [.. rows.Select(row => new RowChange(row, current => TermCounts.Subtract(current, ledger.Terms.GetValueOrDefault(row), ledger.Quotes.GetValueOrDefault(row), ledger.Quotes.GetValueOrDefault(row)?.Count ?? 0)))],
                    cancellationToken);
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
}
