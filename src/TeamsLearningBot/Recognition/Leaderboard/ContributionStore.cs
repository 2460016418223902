using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Table <c>Contributions</c>: the leaderboard's settings and weekly posts, and the ledger behind
/// the leaderboard and the weekly recognition post as older releases kept it.
/// <list type="bullet">
/// <item>Each team's (or group chat's) partition holds its settings and its weekly post records,
/// and, from older releases, a marker per counted event (<c>e|{hash}</c>), learners' day totals
/// (<c>d|{day}|…</c>) and the weekly post's facts (<c>b|</c>, <c>k|</c>, <c>r|{day}|…</c>), still
/// read, erased and pruned. Those rows are now counted in the team's partition of <c>Insights</c>
/// (<see cref="ContributionLedger"/>), with insights' own and under its markers; reads take both.
/// Rows sort by day, so a 30-day leaderboard or a week is one range of each partition.</item>
/// <item>Partition <c>due</c> indexes the weekly posts by due time (<c>{stamp}|{team}</c>).</item>
/// <item>Partitions <c>l|{learner key}</c> list the teams where a learner had day totals when
/// they were written (older releases; the teams are now kept in the <see cref="LearnerIndex"/>,
/// and these are still read and erased), for <c>forget me</c> and for telling which team a
/// personal-chat command means.</item>
/// </list>
/// </summary>
public sealed class ContributionStore(StorageTables tables, LearnerIndex index)
{
    public const string TableName = "Contributions";
    private const string MarkerPrefix = "e|";
    private const string DuePartition = "due";

    /// <summary>Whether an event was counted here by an older release (its marker in the team's partition of <c>Contributions</c>).</summary>
    public async Task<bool> CountedBeforeAsync(string teamId, string eventId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(Partition(teamId), MarkerPrefix + Hash(eventId), select: ["RowKey"], cancellationToken: cancellationToken);
        return marker.HasValue;
    }

    /// <summary>A learner's day row of a day (shard 0: the only one written now).</summary>
    public static string DayRow(string learnerKey, DateOnly day) =>
        DayTotalEntity.RowPrefix + DayKey(day) + "|" + TableKeys.Encode(learnerKey) + "|0";

    /// <summary>A fact's weekly-post row: keyed by its event (by the card for a rated card, one row per card and day).</summary>
    public static string WeekFactRow(ContributionFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact.WeekFactPrefix == WeekFactEntity.RatedPrefix && fact.WeekFact is { } rated
            ? RatedRow(fact.Day, rated.ChannelId ?? string.Empty, rated.ActivityId ?? string.Empty)
            : fact.WeekFactPrefix + DayKey(fact.Day) + "|" + Hash(fact.EventId);
    }

    public static string RatedRow(DateOnly day, string channelId, string activityId) =>
        WeekFactEntity.RatedPrefix + DayKey(day) + "|" + TableKeys.Encode(channelId + "|" + activityId);

    /// <summary>
    /// Day totals of the days from <paramref name="first"/> to <paramref name="last"/>: one range of
    /// the team's partition in each table (a learner's day may have rows in both).
    /// </summary>
    public async Task<IReadOnlyList<DayTotalEntity>> ListDayTotalsAsync(string teamId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var now = RangeAsync<DayTotalEntity>(InsightsStore.TableName, InsightsStore.Partition(teamId), DayTotalEntity.RowPrefix, first, last, cancellationToken);
        var older = RangeAsync<DayTotalEntity>(TableName, Partition(teamId), DayTotalEntity.RowPrefix, first, last, cancellationToken);
        return [.. await now, .. await older];
    }

    /// <summary>Weekly-post rows of one kind (<see cref="WeekFactEntity.BadgePrefix"/>, …) from <paramref name="first"/> to <paramref name="last"/>, in either table (a card rated on a day once).</summary>
    public async Task<IReadOnlyList<WeekFactEntity>> ListWeekFactsAsync(string teamId, string prefix, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var now = RangeAsync<WeekFactEntity>(InsightsStore.TableName, InsightsStore.Partition(teamId), prefix, first, last, cancellationToken);
        var older = RangeAsync<WeekFactEntity>(TableName, Partition(teamId), prefix, first, last, cancellationToken);
        return [.. (await now).Concat(await older).DistinctBy(f => f.RowKey, StringComparer.Ordinal)];
    }

    public async Task<RecognitionSettingsEntity?> GetSettingsAsync(string teamId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<RecognitionSettingsEntity>(Partition(teamId), RecognitionSettingsEntity.Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Writes the settings if they are as read (or still absent, for new ones); null on a conflict.</summary>
    public async Task<RecognitionSettingsEntity?> TrySaveSettingsAsync(RecognitionSettingsEntity settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = settings with { PartitionKey = Partition(settings.TeamId), RowKey = RecognitionSettingsEntity.Row };
        try
        {
            var response = row.ETag == default
                ? await table.AddEntityAsync(row, cancellationToken)
                : await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return row with { ETag = response.Headers.ETag ?? row.ETag };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Reads, changes and writes the settings (creating them) until the write holds.</summary>
    public async Task<RecognitionSettingsEntity> UpdateSettingsAsync(string teamId, Func<RecognitionSettingsEntity, RecognitionSettingsEntity> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = await GetSettingsAsync(teamId, cancellationToken) ?? new RecognitionSettingsEntity { TeamId = teamId };
            if (await TrySaveSettingsAsync(change(current), cancellationToken) is { } saved)
            {
                return saved;
            }
        }
    }

    /// <summary>Adds (or keeps) the due row of a planned weekly post. Idempotent.</summary>
    public async Task AddDueAsync(string teamId, DateTimeOffset dueUtc, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(DuePartition, DueRow(teamId, dueUtc)) { ["TeamId"] = teamId, ["DueUtc"] = dueUtc.ToUniversalTime() },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task RemoveDueAsync(string teamId, DateTimeOffset dueUtc, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(DuePartition, DueRow(teamId, dueUtc), ETag.All, cancellationToken);
    }

    /// <summary>Weekly posts due at or before <paramref name="nowUtc"/>, earliest first: a range of the due partition.</summary>
    public async Task<IReadOnlyList<DueWeeklyPost>> ListDueAsync(DateTimeOffset nowUtc, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var upper = Stamp(nowUtc) + "}";
        var due = new List<DueWeeklyPost>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == DuePartition && e.RowKey.CompareTo(upper) < 0,
            maxPerPage: Math.Min(max, 1000),
            cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("DueUtc") is { } dueUtc && dueUtc <= nowUtc && row.GetString("TeamId") is { } teamId)
            {
                due.Add(new DueWeeklyPost(teamId, dueUtc));
            }

            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    public async Task<WeeklyPostEntity?> GetWeekAsync(string teamId, DateOnly firstDay, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<WeeklyPostEntity>(Partition(teamId), WeekRow(firstDay), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Claims a week's post: moves the settings on to the next post and inserts the week's record,
    /// together. Exactly one claim of a week succeeds; the others get null.
    /// </summary>
    public async Task<WeeklyPostEntity?> TryClaimWeekAsync(RecognitionSettingsEntity settings, DateOnly firstDay, WeeklyPostEntity sending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sending);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var week = sending with { PartitionKey = Partition(settings.TeamId), RowKey = WeekRow(firstDay) };
        try
        {
            var response = await table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateReplace, settings, settings.ETag),
                    new(TableTransactionActionType.Add, week),
                ],
                cancellationToken);
            return week with { ETag = response.Value[1].Headers.ETag ?? default };
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Replaces a week's record if it is as read; null on a conflict.</summary>
    public async Task<WeeklyPostEntity?> TryReplaceWeekAsync(WeeklyPostEntity week, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(week);
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(week, week.ETag, TableUpdateMode.Replace, cancellationToken);
            return week with { ETag = response.Headers.ETag ?? week.ETag };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// The teams (and group chats) where a learner may have contributions on record: those of the
    /// learner index, and those this table indexed (<c>l|{learner key}</c>) before the learner index kept teams.
    /// </summary>
    public async Task<IReadOnlyList<string>> TeamsOfAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var teams = index.ListTeamsAsync(learnerKey, cancellationToken);
        var older = LearnerTeams.ListAsync(await tables.GetAsync(TableName, cancellationToken), learnerKey, cancellationToken);
        return [.. (await teams).Union(await older, StringComparer.Ordinal)];
    }

    /// <summary>Deletes a learner's day totals and named badge rows in every team they have any (in both tables), then this table's index.</summary>
    public async Task<int> EraseAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var insights = await tables.GetAsync(InsightsStore.TableName, cancellationToken);
        var erased = 0;
        foreach (var teamId in await TeamsOfAsync(learnerKey, cancellationToken))
        {
            foreach (var (rows, partition) in new[] { (insights, InsightsStore.Partition(teamId)), (table, Partition(teamId)) })
            {
                foreach (var prefix in new[] { DayTotalEntity.RowPrefix, WeekFactEntity.BadgePrefix })
                {
                    var end = prefix[..^1] + "}";
                    var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end} and LearnerKey eq {learnerKey}");
                    erased += await rows.DeleteAllAsync(await KeysAsync(rows, filter, cancellationToken), cancellationToken);
                }
            }

            await LearnerTeams.RemoveAsync(table, learnerKey, teamId, cancellationToken);
        }

        return erased;
    }

    /// <summary>
    /// Deletes a team's rows that no leaderboard or weekly post reads any more: day totals and
    /// weekly facts before <paramref name="firstKept"/>, event markers older than <paramref name="markersBefore"/>.
    /// </summary>
    public async Task<int> PruneAsync(string teamId, DateOnly firstKept, DateTimeOffset markersBefore, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var insights = await tables.GetAsync(InsightsStore.TableName, cancellationToken);
        var pruned = 0;
        foreach (var (rows, partition) in new[] { (insights, InsightsStore.Partition(teamId)), (table, Partition(teamId)) })
        {
            var old = new List<TableEntity>();
            foreach (var prefix in new[] { DayTotalEntity.RowPrefix, WeekFactEntity.BadgePrefix, WeekFactEntity.KudosPrefix, WeekFactEntity.RatedPrefix })
            {
                var end = prefix + DayKey(firstKept);
                old.AddRange(await KeysAsync(rows, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}"), cancellationToken));
            }

            pruned += await rows.DeleteAllAsync(old, cancellationToken);
        }

        // The markers in Insights are shared with insights, whose retention prunes them.
        var markers = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(teamId)} and RowKey ge {MarkerPrefix} and RowKey lt {"e}"} and At lt {markersBefore}");
        return pruned + await table.DeleteAllAsync(await KeysAsync(table, markers, cancellationToken), cancellationToken);
    }

    public static string DayKey(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    internal static string Partition(string teamId) => TableKeys.Encode(teamId);

    private static async Task<List<TableEntity>> KeysAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        return await table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<T>> RangeAsync<T>(string tableName, string partition, string prefix, DateOnly first, DateOnly last, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var from = prefix + DayKey(first);

        // '}' sorts after '|': every row of the last day is below this bound.
        var to = prefix + DayKey(last) + "}";
        return await table.QueryAsync<T>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    private static string WeekRow(DateOnly firstDay) => WeeklyPostEntity.RowPrefix + DayKey(firstDay);

    private static string DueRow(string teamId, DateTimeOffset dueUtc) => Stamp(dueUtc) + "|" + Partition(teamId);

    private static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A row of the weekly posts' due index: this team's post is due at this time.</summary>
public sealed record DueWeeklyPost(string TeamId, DateTimeOffset DueUtc);
