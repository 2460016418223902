using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// Retention for nudges (<c>Privacy:RetentionDays</c>): each learner's records of nudges last
/// attempted before the cut-off, and the teams' log rows of the weeks that ended before it. A
/// learner's state (stopped, snoozed, the time zone) is kept: it is their wish, not a record, and
/// goes with <c>forget me</c>.
/// </summary>
public sealed class NudgePurge(NudgeStore store, IOptions<PrivacyOptions> privacy, IOptions<NudgeOptions> options, TimeProvider time) : IRetentionPurge
{
    public bool Enabled => options.Value.RetentionEnabled;

    public TimeSpan Interval => options.Value.RetentionInterval;

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-privacy.Value.RetentionDays);
        var firstKept = NudgeStore.LogPrefix + InsightsWeeks.Key(InsightsWeeks.Of(cutoff) + 1);
        var table = await store.TableAsync(cancellationToken);

        // A background pass over every learner's and team's partition, never on a request's path.
        var records = TableClient.CreateQueryFilter(
            $"PartitionKey ge {"u|"} and PartitionKey lt {"u}"} and RowKey ge {NudgeRecord.Prefix} and RowKey lt {"n}"} and SendingSince lt {cutoff}");
        var logs = TableClient.CreateQueryFilter(
            $"PartitionKey ge {"t|"} and PartitionKey lt {"t}"} and RowKey ge {NudgeStore.LogPrefix} and RowKey lt {firstKept}");
        var old = new List<ITableEntity>();
        foreach (var filter in new[] { records, logs })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                old.Add(row);
            }
        }

        return await table.DeleteAllAsync(old, cancellationToken);
    }
}
