using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Table <c>Contributions</c>, the ledger behind the leaderboard and the weekly recognition post.
/// <list type="bullet">
/// <item>Each team's (or group chat's) partition holds a marker per counted event (<c>e|{hash}</c>),
/// learners' day totals (<c>d|{day}|…</c>), the weekly post's facts (<c>b|</c>, <c>k|</c>,
/// <c>r|{day}|…</c>), its settings and its weekly post records. Rows sort by day, so a 30-day
/// leaderboard or a week is one range of one partition.</item>
/// <item>Partition <c>due</c> indexes the weekly posts by due time (<c>{stamp}|{team}</c>).</item>
/// <item>Partitions <c>l|{learner key}</c> list the teams where a learner had day totals when
/// they were written (older releases; the teams are now kept in the <see cref="LearnerIndex"/>,
/// and these are still read and erased), for <c>forget me</c> and for telling which team a
/// personal-chat command means.</item>
/// </list>
/// An event's marker goes in with its points in one transaction: a repeated event fails on the
/// marker and changes nothing. Recording reads single rows by point reads, never a query.
/// </summary>
public sealed class ContributionStore(StorageTables tables, LearnerIndex index) : IDisposable
{
    public const string TableName = "Contributions";
    public const int Shards = 4;
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private readonly MemoryCache dayRows = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });
    private const string MarkerPrefix = "e|";
    private const string DuePartition = "due";

    /// <summary>
    /// Counts facts of one learner on one day of one team, each once, in one transaction: their
    /// markers, the points on one of the learner's day rows, their weekly-post rows. Returns how
    /// many were new. Costs the transaction, and a point read of the day row unless this instance
    /// wrote it last (it is remembered with its ETag, on which the transaction is conditional: a
    /// copy someone else overtook fails it, is forgotten and read again). The learner's first row
    /// of the day (or a further row taken under contention) adds their index row. A fact counted
    /// before is found by the transaction (its marker exists) and left out; the others are checked
    /// by point reads of their markers. A learner new in the team (the publisher added their row in
    /// the learner index: <see cref="TeamIndexing.Added"/>) has no day row to read.
    /// </summary>
    public async Task<int> RecordAsync(IReadOnlyList<ContributionFact> facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Count == 0)
        {
            return 0;
        }

        var first = facts[0];
        if (facts.Any(f => f.TeamId != first.TeamId || f.LearnerKey != first.LearnerKey || f.Day != first.Day))
        {
            throw new ArgumentException("Facts counted together belong to one learner, team and day.", nameof(facts));
        }

        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(first.TeamId);
        var pending = facts.Select(f => (Fact: f, Hash: Hash(f.EventId))).ToList();

        // The learner's day is row 0, and more rows only when needed: many events for one learner at
        // once (kudos) that meet on a row move to another, so they do not all queue for one ETag.
        var learnerDay = DayTotalEntity.RowPrefix + DayKey(first.Day) + "|" + TableKeys.Encode(first.LearnerKey) + "|";
        var shard = 0;

        // The publisher indexed the learner in the team; when it added the row there, they have no day rows here yet.
        var indexed = facts.Any(f => f.TeamIndexing != TeamIndexing.NotWritten);
        var guessNew = facts.All(f => f.TeamIndexing == TeamIndexing.Added);
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var dayRow = learnerDay + shard.ToString(CultureInfo.InvariantCulture);
            var day = dayRows.TryGetValue(partition + "|" + dayRow, out DayTotalEntity? remembered) ? remembered! with { } : null;
            var guessed = day is null && guessNew;
            guessNew = false;
            if (day is null && !guessed)
            {
                var read = await table.GetEntityIfExistsAsync<DayTotalEntity>(partition, dayRow, cancellationToken: cancellationToken);
                day = read.HasValue ? read.Value : null;
            }

            if (day is null && !indexed)
            {
                // A new day row of the learner: indexed before it exists, so forget me always finds it.
                await index.AddTeamAsync(first.LearnerKey, first.TeamId, cancellationToken);
                indexed = true;
            }

            List<TableTransactionAction> actions = [.. pending.Select(p => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, MarkerPrefix + p.Hash) { ["At"] = p.Fact.At }))];
            var points = pending.Sum(p => p.Fact.Points);
            var name = pending.Select(p => p.Fact.Name).LastOrDefault(n => n is not null);
            var dayAt = -1;
            DayTotalEntity? nextDay = null;
            if (points != 0)
            {
                dayAt = actions.Count;
                nextDay = day is not null
                    ? day with { Points = day.Points + points, Name = name ?? day.Name }
                    : new DayTotalEntity
                    {
                        PartitionKey = partition,
                        RowKey = dayRow,
                        LearnerKey = first.LearnerKey,
                        Name = name,
                        Points = points,
                        Day = DayKey(first.Day),
                    };
                actions.Add(day is not null
                    ? new(TableTransactionActionType.UpdateReplace, nextDay, day.ETag)
                    : new(TableTransactionActionType.Add, nextDay));
            }

            foreach (var (fact, hash) in pending)
            {
                if (fact.WeekFact is { } weekFact)
                {
                    // A rated card is one row per card and day, whoever rated it: an upsert, idempotent by itself.
                    var rated = fact.WeekFactPrefix == WeekFactEntity.RatedPrefix;
                    var row = weekFact with
                    {
                        PartitionKey = partition,
                        RowKey = fact.WeekFactPrefix + DayKey(fact.Day) + "|" + (rated ? TableKeys.Encode(weekFact.ChannelId + "|" + weekFact.ActivityId) : hash),
                    };
                    actions.Add(new(rated ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add, row));
                }
            }

            try
            {
                var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
                if (nextDay is not null && responses[dayAt].Headers.ETag is { } etag)
                {
                    dayRows.Set(partition + "|" + dayRow, nextDay with { ETag = etag }, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
                }

                return pending.Count;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is { } index && index < pending.Count)
            {
                // Counted before (a redelivery), or at once elsewhere: leave out what was counted.
                pending.RemoveAt(index);
                var counted = await Task.WhenAll(pending.Select(p => table.GetEntityIfExistsAsync<TableEntity>(partition, MarkerPrefix + p.Hash, select: ["RowKey"], cancellationToken: cancellationToken)));
                pending = [.. pending.Where((_, i) => !counted[i].HasValue)];
            }
            catch (TableTransactionFailedException e) when (guessed && e.Status == 409 && e.FailedTransactionActionIndex == dayAt)
            {
                // The day row was taken as new and is there (written before team rows were kept in
                // the learner index): read it, at once.
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // Another event for the same learner and day changed the row first (or forget me
                // deleted it): forget what was remembered of it, and try another row.
                dayRows.Remove(partition + "|" + dayRow);
                shard = Random.Shared.Next(Shards);
                await ConflictBackoff.WaitAsync(attempt, "A learner's day totals", cancellationToken);
            }
        }

        return 0;
    }

    public void Dispose() => dayRows.Dispose();

    /// <summary>Notes a card rated on a day, without counting anything (an anonymous rating).</summary>
    public async Task NoteRatedAsync(string teamId, DateOnly day, string channelId, string activityId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(
            new WeekFactEntity
            {
                PartitionKey = Partition(teamId),
                RowKey = WeekFactEntity.RatedPrefix + DayKey(day) + "|" + TableKeys.Encode(channelId + "|" + activityId),
                ChannelId = channelId,
                ActivityId = activityId,
                At = at,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Day totals of the days from <paramref name="first"/> to <paramref name="last"/>: one range of the team's partition.</summary>
    public Task<IReadOnlyList<DayTotalEntity>> ListDayTotalsAsync(string teamId, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        RangeAsync<DayTotalEntity>(teamId, DayTotalEntity.RowPrefix, first, last, cancellationToken);

    /// <summary>Weekly-post rows of one kind (<see cref="WeekFactEntity.BadgePrefix"/>, …) from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public Task<IReadOnlyList<WeekFactEntity>> ListWeekFactsAsync(string teamId, string prefix, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        RangeAsync<WeekFactEntity>(teamId, prefix, first, last, cancellationToken);

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

    /// <summary>Deletes a learner's day totals and named badge rows in every team they have any, then their index.</summary>
    public async Task<int> EraseAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var erased = 0;
        foreach (var teamId in await TeamsOfAsync(learnerKey, cancellationToken))
        {
            var partition = Partition(teamId);
            foreach (var prefix in new[] { DayTotalEntity.RowPrefix, WeekFactEntity.BadgePrefix })
            {
                var end = prefix[..^1] + "}";
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end} and LearnerKey eq {learnerKey}");
                erased += await table.DeleteAllAsync(await KeysAsync(table, filter, cancellationToken), cancellationToken);
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
        var partition = Partition(teamId);
        var rows = new List<TableEntity>();
        foreach (var prefix in new[] { DayTotalEntity.RowPrefix, WeekFactEntity.BadgePrefix, WeekFactEntity.KudosPrefix, WeekFactEntity.RatedPrefix })
        {
            var end = prefix + DayKey(firstKept);
            rows.AddRange(await KeysAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}"), cancellationToken));
        }

        var markers = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {MarkerPrefix} and RowKey lt {"e}"} and At lt {markersBefore}");
        rows.AddRange(await KeysAsync(table, markers, cancellationToken));
        return await table.DeleteAllAsync(rows, cancellationToken);
    }

    public static string DayKey(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    internal static string Partition(string teamId) => TableKeys.Encode(teamId);

    private static async Task<List<TableEntity>> KeysAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        return await table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<T>> RangeAsync<T>(string teamId, string prefix, DateOnly first, DateOnly last, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(teamId);
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
