using System.Net;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Posts the weekly recognition posts that are due. Any number of instances run this at once:
/// <list type="number">
/// <item>due posts are found in the due index (a range query, no scan);</item>
/// <item>a post is <b>claimed</b> by one transaction that moves the team's settings on to the next
/// week (under their ETag) and inserts the week's post record; the other instances fail it;</item>
/// <item>the post is sent, its record says how it went, and only then is the due row removed.</item>
/// </list>
/// A crash after the claim leaves the due row and a "sending" record; once its lease has run out
/// the next pass in any instance takes the post over.
/// </summary>
public sealed partial class WeeklyRecognitionProcessor(
    ContributionStore store,
    WeeklyPlanner planner,
    WeeklyDigestBuilder digests,
    TeamStore teams,
    BadgeCatalogue badges,
    IServiceScopeFactory scopes,
    IOptions<WeeklyRecognitionOptions> options,
    TimeProvider time,
    ILogger<WeeklyRecognitionProcessor> logger)
{
    /// <summary>One pass: every post due now. Returns how many due rows it looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await store.ListDueAsync(time.GetUtcNow(), options.Value.BatchSize, cancellationToken);
        foreach (var entry in due)
        {
            try
            {
                await ProcessAsync(entry, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One team's failure must not hold up the others; its due row stays for the next pass.
                LogProcessFailed(logger, e);
            }
        }

        return due.Count;
    }

    /// <summary>Claims and posts one due week, takes over a post a crash left behind, or drops a stale row.</summary>
    public async Task ProcessAsync(DueWeeklyPost entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var team = await teams.GetAsync(entry.TeamId, cancellationToken);
        var zone = TimeZones.FindOrUtc(team?.TimeZone);
        var (first, last) = WeeklySchedule.CoveredBy(entry.DueUtc, zone);
        var settings = await store.GetSettingsAsync(entry.TeamId, cancellationToken);
        var now = time.GetUtcNow();
        if (await store.GetWeekAsync(entry.TeamId, first, cancellationToken) is { } week)
        {
            if (week.Status == WeeklyPostState.Sending)
            {
                if (now - week.ClaimedAt < options.Value.PostLease)
                {
                    return;
                }

                if (await store.TryReplaceWeekAsync(week with { ClaimedAt = now }, cancellationToken) is { } taken)
                {
                    LogTakenOver(logger);
                    await PostAsync(entry, team, settings, taken, first, last, cancellationToken);
                }

                return;
            }

            await store.RemoveDueAsync(entry.TeamId, entry.DueUtc, cancellationToken);
            return;
        }

        if (settings?.NextWeeklyDueUtc is not { } planned || !SameSecond(planned, entry.DueUtc))
        {
            // Rescheduled, switched off or already handled since the row was written.
            await store.RemoveDueAsync(entry.TeamId, entry.DueUtc, cancellationToken);
            return;
        }

        if (settings.WeeklyOff || team is not { IsActive: true })
        {
            // Switched off, or the bot was removed: no more posts until it is switched on or the team is active again.
            if (await store.TrySaveSettingsAsync(settings with { NextWeeklyDueUtc = null }, cancellationToken) is not null)
            {
                await store.RemoveDueAsync(entry.TeamId, entry.DueUtc, cancellationToken);
            }

            return;
        }

        var next = planner.NextDue(now, zone);

        // The next week's row goes in first: a successful claim is never left without it.
        await store.AddDueAsync(entry.TeamId, next, cancellationToken);
        var claimed = await store.TryClaimWeekAsync(
            settings with { NextWeeklyDueUtc = next },
            first,
            new WeeklyPostEntity { ClaimedAt = now, DueUtc = entry.DueUtc },
            cancellationToken);
        if (claimed is null)
        {
            LogClaimLost(logger);
            return;
        }

        await PostAsync(entry, team, settings, claimed, first, last, cancellationToken);
    }

    private async Task PostAsync(DueWeeklyPost entry, TeamEntity? team, RecognitionSettingsEntity? settings, WeeklyPostEntity week, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var digest = await digests.BuildAsync(entry.TeamId, first, last, rankContributors: settings?.LeaderboardOff != true, cancellationToken);
        WeeklyPostEntity outcome;
        if (digest.IsEmpty || team is not { IsActive: true })
        {
            outcome = week with { State = nameof(WeeklyPostState.Empty) };
            LogEmpty(logger);
        }
        else
        {
            outcome = await SendAsync(team, settings, week, digest, cancellationToken);
        }

        await store.TryReplaceWeekAsync(outcome, cancellationToken);
        await store.RemoveDueAsync(entry.TeamId, entry.DueUtc, cancellationToken);
        await store.PruneAsync(entry.TeamId, WeeklySchedule.LocalDay(time.GetUtcNow(), TimeZones.FindOrUtc(team?.TimeZone)).AddDays(-options.Value.RetainDays), time.GetUtcNow().AddDays(-options.Value.RetainDays), cancellationToken);
    }

    /// <summary>Posts into the chosen channel, or General when that channel is gone. Transient failures throw: the post is retried after its lease.</summary>
    private async Task<WeeklyPostEntity> SendAsync(TeamEntity team, RecognitionSettingsEntity? settings, WeeklyPostEntity week, WeeklyDigest digest, CancellationToken cancellationToken)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Summary = "This week's recognition",
            Attachments = [WeeklyRecognitionCard.Build(digest, team.Name, badges)],
        };
        var bot = new ChannelAccount { Id = team.BotId, Name = team.BotName };
        var channels = settings?.WeeklyChannelId is { } chosen && chosen != team.TeamId ? new[] { chosen, team.TeamId } : [team.TeamId];
        await using var scope = scopes.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectorClient>();
        ConnectorException? refused = null;
        foreach (var channel in channels)
        {
            try
            {
                var response = await connector.CreateConversationAsync(team.ServiceUrl, ConversationParameters.ForChannelThread(channel, team.TenantId, bot, activity), cancellationToken);
                LogPosted(logger);
                return week with
                {
                    State = nameof(WeeklyPostState.Posted),
                    ChannelId = channel,
                    ActivityId = response?.ActivityId ?? ThreadIds.RootMessageOf(response?.Id),
                };
            }
            catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
            {
                refused = e;
                LogRefused(logger, (int)e.StatusCode);
            }
        }

        return week with { State = nameof(WeeklyPostState.Failed), Reason = $"Teams refused the post ({(int)refused!.StatusCode} {refused.ErrorCode})." };
    }

    private static bool SameSecond(DateTimeOffset a, DateTimeOffset b) => Math.Abs((a - b).TotalSeconds) < 1;

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly recognition posted")]
    private static partial void LogPosted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly recognition: nothing to tell this week, nothing posted")]
    private static partial void LogEmpty(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Weekly recognition was claimed by another instance")]
    private static partial void LogClaimLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weekly recognition: taking over a post an instance left unfinished")]
    private static partial void LogTakenOver(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weekly recognition: Teams refused the post (status {StatusCode})")]
    private static partial void LogRefused(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Weekly recognition: processing a due post failed; it is retried on the next pass")]
    private static partial void LogProcessFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Looks for due weekly recognition posts every <see cref="WeeklyRecognitionOptions.SchedulerInterval"/>.
/// It waits on the <see cref="TimeProvider"/>, so tests drive it with a fake clock. Safe to run in
/// every instance: claims make each week's post happen once, and the due index keeps every post
/// through a storage outage.
/// </summary>
public sealed class WeeklyRecognitionScheduler(
    WeeklyRecognitionProcessor processor,
    IOptions<WeeklyRecognitionOptions> options,
    TimeProvider time,
    ILogger<WeeklyRecognitionScheduler> logger) : PeriodicPass(time, logger)
{
    protected override bool Enabled => options.Value.SchedulerEnabled;

    protected override TimeSpan Interval => options.Value.SchedulerInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => processor.RunOnceAsync(cancellationToken);
}
