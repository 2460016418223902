using System.Net;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Chats;
using TeamsLearningBot.Content;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// Decides and delivers a nudge job: members of a team, one drop occurrence, each person on their own.
/// <para>
/// The decision reads the learner's nudge state (consent, weekly count, how the last nudges went,
/// their time zone) and their insights ledger in the team (tier, whether they responded), and waits
/// for their working hours by hiding the job again. A nudge is then <i>reserved</i>: one
/// transaction in the learner's partition adds the nudge's record (its insert is the claim, so a
/// second worker, instance or redelivery gets a 409) and counts it in the learner's week,
/// conditional on the state read (ETag), so the weekly cap holds across teams and instances.
/// </para>
/// <para>
/// Delivery then follows the drops' rules: a refusal for good (403, 404, 400) marks the learner
/// unreachable (and hands the week's count back); an error answer from Teams means nothing was sent,
/// so the job comes back with a back-off; no answer at all may have been a delivery, so it is
/// recorded as unconfirmed and not sent again. A record still "sending" after the visibility
/// timeout belongs to a worker that died mid-send: unconfirmed as well.
/// </para>
/// </summary>
public sealed partial class NudgeJobProcessor(
    NudgeJobMessages queue,
    NudgeStore store,
    InsightsStore insights,
    ContentStore content,
    PersonalMessenger messenger,
    NudgeAnswerRecorder answers,
    LearnerKeys keys,
    IOptions<NudgeOptions> options,
    IOptions<InsightsOptions> insightsOptions,
    TimeProvider time,
    ILogger<NudgeJobProcessor> logger)
{
    private const int MaxConflicts = 10;
    private const int FactsWeeks = 26;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(6);

    /// <summary>
    /// Decides and delivers everyone in the job: one outcome per person. A job of several decides
    /// its people at once, each holding one of <paramref name="people"/> while at work (the worker's
    /// concurrency), and gives anyone who must wait a job of their own; it is deleted once each has
    /// an outcome. A person whose step throws leaves the job in the queue; delivered again, each
    /// person's record says what was done.
    /// </summary>
    public async Task<IReadOnlyList<NudgeOutcome>> ProcessAsync(QueueMessage message, SemaphoreSlim? people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var job = NudgeJob.FromMessage(message.MessageText);
        var persons = job?.People() ?? [];
        if (job is null || string.IsNullOrEmpty(job.TeamId) || persons.Count == 0)
        {
            LogMalformed(logger, message.MessageId);
            await queue.DeleteAsync(message, cancellationToken);
            return [NudgeOutcome.Malformed];
        }

        if (!job.IsSeveral)
        {
            var outcome = await DecideAndSendAsync(new Ticket(message, job, Split: false), job, cancellationToken);
            if (outcome is not (NudgeOutcome.Deferred or NudgeOutcome.Retrying))
            {
                await queue.DeleteAsync(message, cancellationToken);
            }

            return [outcome];
        }

        var outcomes = await Task.WhenAll(persons.Select(async person =>
        {
            if (people is not null)
            {
                await people.WaitAsync(cancellationToken);
            }

            try
            {
                return await DecideAndSendAsync(new Ticket(message, person, Split: true), person, cancellationToken);
            }
            finally
            {
                people?.Release();
            }
        }));
        await queue.DeleteAsync(message, cancellationToken);
        return outcomes;
    }

    private async Task<NudgeOutcome> DecideAndSendAsync(Ticket message, NudgeJob job, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (!settings.Enabled)
        {
            return NudgeOutcome.Skipped;
        }

        var earliest = job.PostedAt + settings.FirstDelay;
        var latest = job.PostedAt + settings.GiveUpAfter;
        if (now < earliest)
        {
            await DelayAsync(message, earliest - now, cancellationToken);
            return NudgeOutcome.Deferred;
        }

        if (now > latest)
        {
            return NudgeOutcome.Skipped;
        }

        var learnerKey = keys.For(job.TenantId, job.AadObjectId ?? job.UserId);
        var rowKey = NudgeRecord.RowFor(job.TeamId, job.DropNumber, job.OccurrenceId);
        for (var conflicts = 0; conflicts < MaxConflicts; conflicts++)
        {
            // The reads a decision needs, at once: the nudge's record, the learner's state, the team's switch, their ledger.
            var recordRead = store.GetRecordAsync(learnerKey, rowKey, cancellationToken);
            var stateRead = store.GetStateAsync(learnerKey, cancellationToken);
            var enabledRead = store.IsTeamEnabledAsync(job.TeamId, cancellationToken);
            var factsRead = FactsAsync(job.TeamId, learnerKey, cancellationToken);
            await Task.WhenAll(recordRead, stateRead, enabledRead, factsRead);
            var record = await recordRead;
            var state = await stateRead;
            if (record is not null)
            {
                return await ResumeAsync(message, job, learnerKey, record, state, cancellationToken);
            }

            if (!await enabledRead)
            {
                return NudgeOutcome.Skipped;
            }

            if (state is { Paused: true } || state?.SnoozedUntil > now || state?.UnreachableAt > now.AddDays(-settings.UnreachableRetryDays))
            {
                return NudgeOutcome.Skipped;
            }

            var window = NudgeWindow.For(state?.TimeZone ?? job.TeamTimeZone, settings);
            var opens = window.NextOpen(now);
            if (opens > now)
            {
                if (opens > latest)
                {
                    return NudgeOutcome.Skipped;
                }

                await DelayAsync(message, opens - now, cancellationToken);
                return NudgeOutcome.Deferred;
            }

            var week = window.WeekOf(now);
            if (state is not null && state.Week == week && state.WeekCount >= settings.MaxPerWeek)
            {
                return NudgeOutcome.Skipped;
            }

            var facts = await factsRead;
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var period = InsightsPeriod.LastDays(today, insightsOptions.Value.DefaultDays);
            if (facts.RespondedInWeek(InsightsWeeks.Of(now)) || facts.RespondedTo(job.Item.Number, InsightsWeeks.Of(job.PostedAt)) || !facts.NotYet(period))
            {
                return NudgeOutcome.Skipped;
            }

            if (state is { LastAnswered: false } && state.Unanswered >= settings.AutoStopAfter)
            {
                return await AutoStopAsync(job, learnerKey, state, cancellationToken) ?? NudgeOutcome.AlreadyHandled;
            }

            var logRow = NudgeStore.LogRowFor(InsightsWeeks.Of(now), learnerKey, job.DropNumber, job.OccurrenceId);
            var next = Reserve(state, learnerKey, week, job.TeamId, logRow, now);
            var claim = new NudgeRecord
            {
                PartitionKey = NudgeStore.LearnerPartition(learnerKey),
                RowKey = rowKey,
                TeamId = job.TeamId,
                DropNumber = job.DropNumber,
                OccurrenceId = job.OccurrenceId,
                ChannelId = job.ChannelId,
                RootId = job.RootId,
                ItemNumber = job.Item.Number,
                AnonymousAllowed = job.Anonymous,
                State = NudgeStates.Sending,
                SendingSince = now,
                LogRow = logRow,
                Attempts = 1,
            };
            answers.Nudging(learnerKey);
            switch (await store.TryReserveAsync(state, next, claim, cancellationToken))
            {
                case ReserveResult.Reserved:
                    var variant = facts.NotYet(period.Previous) ? NudgeVariant.GettingStarted : NudgeVariant.MissedYou;
                    return await SendAsync(message, job, learnerKey, claim, variant, facts, cancellationToken);
                case ReserveResult.AlreadyClaimed:
                    return NudgeOutcome.AlreadyHandled;
            }

            // The learner's state changed under us (another team's nudge, a snooze): decide again on fresh rows.
        }

        await DelayAsync(message, settings.RetryDelay, cancellationToken);
        return NudgeOutcome.Retrying;
    }

    private static LearnerNudgeState Reserve(LearnerNudgeState? state, string learnerKey, int week, string teamId, string logRow, DateTimeOffset now)
    {
        var next = state ?? new LearnerNudgeState { PartitionKey = NudgeStore.LearnerPartition(learnerKey) };
        next.WeekCount = next.Week == week ? next.WeekCount + 1 : 1;
        next.Week = week;
        next.Unanswered = next.LastAnswered || next.LastNudgeAt is null ? 1 : next.Unanswered + 1;
        next.LastAnswered = false;
        next.LastNudgeAt = now;
        next.LastNudgeTeamId = teamId;
        next.LastNudgeLogRow = logRow;
        return next;
    }

    /// <summary>A record found: this nudge was reserved before. Finish what is left of it, or nothing.</summary>
    private async Task<NudgeOutcome> ResumeAsync(Ticket message, NudgeJob job, string learnerKey, NudgeRecord record, LearnerNudgeState? state, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (NudgeStates.IsFinal(record.State))
        {
            return NudgeOutcome.AlreadyHandled;
        }

        if (record.State == NudgeStates.Sending)
        {
            if (record.SendingSince is { } since && now - since < settings.VisibilityTimeout)
            {
                // Its holder is at work; look again once that claim could have expired.
                await DelayAsync(message, settings.VisibilityTimeout - (now - since), cancellationToken);
                return NudgeOutcome.Deferred;
            }

            record.State = NudgeStates.Unconfirmed;
            record.Reason = "A worker stopped mid-send; not sent again.";
            return await store.TryUpdateRecordAsync(record, cancellationToken) ? NudgeOutcome.Unconfirmed : NudgeOutcome.AlreadyHandled;
        }

        // Retrying: the learner may have said stop or not now meanwhile.
        if (state is { Paused: true } || state?.SnoozedUntil > now)
        {
            record.State = NudgeStates.Withdrawn;
            await store.TryUpdateRecordAsync(record, cancellationToken);
            await ReleaseWeekAsync(learnerKey, cancellationToken);
            return NudgeOutcome.Skipped;
        }

        if (message.Attempt > settings.MaxAttempts)
        {
            record.State = NudgeStates.Failed;
            record.Reason = $"Gave up after {settings.MaxAttempts} attempts ({record.Reason}).";
            await store.TryUpdateRecordAsync(record, cancellationToken);
            return NudgeOutcome.Failed;
        }

        record.State = NudgeStates.Sending;
        record.SendingSince = now;
        record.Attempts++;
        if (!await store.TryUpdateRecordAsync(record, cancellationToken))
        {
            return NudgeOutcome.AlreadyHandled;
        }

        var facts = await FactsAsync(job.TeamId, learnerKey, cancellationToken);
        var period = InsightsPeriod.LastDays(DateOnly.FromDateTime(now.UtcDateTime), insightsOptions.Value.DefaultDays);
        var variant = facts.NotYet(period.Previous) ? NudgeVariant.GettingStarted : NudgeVariant.MissedYou;
        return await SendAsync(message, job, learnerKey, record, variant, facts, cancellationToken);
    }

    private async Task<NudgeOutcome> SendAsync(Ticket message, NudgeJob job, string learnerKey, NudgeRecord record, NudgeVariant variant, LearnerFacts facts, CancellationToken cancellationToken)
    {
        var changed = variant == NudgeVariant.MissedYou ? await WhatChangedAsync(job, facts, cancellationToken) : WhatChanged.Nothing;
        Attachment card;
        try
        {
            card = NudgeCard.Build(job, variant, changed).ToAttachment();
        }
        catch (Cards.CardTooLargeException e)
        {
            return await SettleAsync(record, NudgeStates.Failed, e.Message, learnerKey, releaseWeek: true, NudgeOutcome.Failed, cancellationToken);
        }

        var activity = new Activity { Type = ActivityTypes.Message, Text = NudgeCard.Intro(job, variant), Summary = job.Item.Title, Attachments = [card] };
        (string ConversationId, string ServiceUrl)? chat;
        try
        {
            chat = await messenger.OpenAsync(Recipient(job), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage or Teams failed before anything was written to the person: safe to try again.
            LogChatNotOpened(logger, e, job.DropNumber);
            return await RetryAsync(message, record, "The 1:1 chat could not be opened.", cancellationToken);
        }

        PersonalMessage? sent;
        try
        {
            sent = chat is { } open ? await messenger.SendAsync(open, activity, cancellationToken) : null;
        }
        catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
        {
            return await SettleAsync(record, NudgeStates.Unconfirmed, $"No answer from Teams ({(int)e.StatusCode}).", learnerKey, releaseWeek: false, NudgeOutcome.Unconfirmed, cancellationToken);
        }
        catch (ConnectorException e)
        {
            return await RetryAsync(message, record, $"Teams answered {(int)e.StatusCode}.", cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return await RetryAsync(message, record, "Teams could not be reached.", cancellationToken);
        }
        catch (Microsoft.Identity.Client.MsalException)
        {
            // The bot's token could not be had, so the request never reached Teams: safe to try again.
            return await RetryAsync(message, record, "The bot's token could not be had.", cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogNoAnswer(logger, e, job.DropNumber);
            return await SettleAsync(record, NudgeStates.Unconfirmed, "No answer from Teams.", learnerKey, releaseWeek: false, NudgeOutcome.Unconfirmed, cancellationToken);
        }

        var now = time.GetUtcNow();
        if (sent is null)
        {
            record.State = NudgeStates.Failed;
            record.Reason = "Teams would not let me reach this person.";
            await store.TryUpdateRecordAsync(record, cancellationToken);
            await ReleaseWeekAsync(learnerKey, cancellationToken, unreachableAt: now);
            LogUnreachable(logger, job.DropNumber);
            return NudgeOutcome.Unreachable;
        }

        record.State = NudgeStates.Sent;
        record.SentAt = now;
        record.Reason = null;
        await Task.WhenAll(store.LogSentAsync(job.TeamId, record.LogRow, now, cancellationToken), store.TryUpdateRecordAsync(record, cancellationToken));
        LogSent(logger, job.DropNumber, (int)variant);
        return NudgeOutcome.Sent;
    }

    private async Task<NudgeOutcome?> AutoStopAsync(NudgeJob job, string learnerKey, LearnerNudgeState state, CancellationToken cancellationToken)
    {
        var won = false;
        await store.ChangeStateAsync(learnerKey, s =>
        {
            if (s.Paused)
            {
                return false;
            }

            s.AutoStopped = true;
            won = true;
            return true;
        }, cancellationToken);
        if (!won)
        {
            return null;
        }

        // Said once: only the writer that set the flag says it. A refusal changes nothing: they are stopped either way.
        await messenger.SendAsync(Recipient(job), new Activity { Type = ActivityTypes.Message, Text = NudgeCard.AutoStopMessage }, cancellationToken);
        LogAutoStopped(logger, state.Unanswered);
        return NudgeOutcome.AutoStopped;
    }

    private async Task<NudgeOutcome> RetryAsync(Ticket message, NudgeRecord record, string reason, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (message.Attempt >= settings.MaxAttempts)
        {
            record.State = NudgeStates.Failed;
            record.Reason = $"Gave up after {settings.MaxAttempts} attempts ({reason})";
            await store.TryUpdateRecordAsync(record, cancellationToken);
            return NudgeOutcome.Failed;
        }

        record.State = NudgeStates.Retrying;
        record.Reason = reason;
        await store.TryUpdateRecordAsync(record, cancellationToken);
        await DelayAsync(message, settings.BackOff(message.Attempt), cancellationToken);
        return NudgeOutcome.Retrying;
    }

    private async Task<NudgeOutcome> SettleAsync(NudgeRecord record, string state, string reason, string learnerKey, bool releaseWeek, NudgeOutcome outcome, CancellationToken cancellationToken)
    {
        record.State = state;
        record.Reason = reason;
        await store.TryUpdateRecordAsync(record, cancellationToken);
        if (releaseWeek)
        {
            await ReleaseWeekAsync(learnerKey, cancellationToken);
        }

        return outcome;
    }

    /// <summary>A nudge that never reached the person does not use up their week, nor count as ignored.</summary>
    private async Task ReleaseWeekAsync(string learnerKey, CancellationToken cancellationToken, DateTimeOffset? unreachableAt = null) =>
        await store.ChangeStateAsync(learnerKey, s =>
        {
            s.WeekCount = Math.Max(0, s.WeekCount - 1);
            s.Unanswered = Math.Max(0, s.Unanswered - 1);
            s.UnreachableAt = unreachableAt ?? s.UnreachableAt;
            return true;
        }, cancellationToken);

    private async Task<LearnerFacts> FactsAsync(string teamId, string learnerKey, CancellationToken cancellationToken)
    {
        var table = await insights.TableAsync(cancellationToken);
        // The weeks a decision looks at: the last two periods, and the half-year "what changed since" looks back over.
        var now = time.GetUtcNow();
        var period = InsightsPeriod.LastDays(DateOnly.FromDateTime(now.UtcDateTime), insightsOptions.Value.DefaultDays);
        var thisWeek = InsightsWeeks.Of(now);
        var columns = LearnerLedger.ReportColumns(Math.Min(period.Previous.FirstWeek, thisWeek - FactsWeeks), thisWeek);
        var row = await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(InsightsStore.Partition(teamId), InsightsStore.LedgerRow(learnerKey), select: columns, cancellationToken: cancellationToken);
        return row.HasValue ? new LearnerFacts(LearnerLedger.FromRow(row.Value)) : LearnerFacts.None;
    }

    private async Task<WhatChanged> WhatChangedAsync(NudgeJob job, LearnerFacts facts, CancellationToken cancellationToken)
    {
        if (facts.LastContributedWeek is not { } last)
        {
            return WhatChanged.Nothing;
        }

        var since = InsightsWeeks.Monday(last + 1);
        var items = await content.ListAsync(job.TeamId, null, includeArchived: false, cancellationToken);
        var engaged = facts.ItemsContributedTo;
        var tags = items.Where(i => engaged.Contains(i.Number)).SelectMany(i => i.Tags).Select(t => t.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var fresh = items
            .Where(i => DateOnly.FromDateTime(i.AddedAt.UtcDateTime) >= since && i.Tags.Any(t => tags.Contains(t.ToLowerInvariant())))
            .OrderByDescending(i => i.AddedAt)
            .Take(3)
            .ToList();
        var onTags = fresh.SelectMany(i => i.Tags).Select(t => t.ToLowerInvariant()).Where(tags.Contains).Distinct(StringComparer.Ordinal).ToList();
        return new WhatChanged([.. fresh.Select(i => i.Title)], onTags, facts.KudosReceivedAfter(last));
    }

    private static PersonalRecipient Recipient(NudgeJob job) =>
        new(job.UserId, job.TenantId, job.ServiceUrl, new ChannelAccount { Id = job.BotId, Name = job.BotName });

    /// <summary>
    /// Brings the person's job back after <paramref name="delay"/>: their own message is hidden
    /// again; a person of a job of several gets a job of their own, visible then.
    /// </summary>
    private async Task DelayAsync(Ticket ticket, TimeSpan delay, CancellationToken cancellationToken)
    {
        delay = delay < MaxDelay ? delay : MaxDelay;
        if (ticket.Split)
        {
            await queue.EnqueueAsync(ticket.Job with { EarlierAttempts = ticket.Attempt }, delay, cancellationToken);
        }
        else
        {
            await queue.DelayAsync(ticket.Message, delay, cancellationToken);
        }
    }

    /// <summary>One person's share of a queue message: the message, the person's job of one, and whether it was split from a job of several.</summary>
    private sealed record Ticket(QueueMessage Message, NudgeJob Job, bool Split)
    {
        /// <summary>Deliveries of this person's job so far, this one included.</summary>
        public long Attempt => Message.DequeueCount + Job.EarlierAttempts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nudge about drop {DropNumber} sent (variant {Variant})")]
    private static partial void LogSent(ILogger logger, int dropNumber, int variant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nudge about drop {DropNumber}: Teams refused the 1:1 message; the person is recorded as unreachable")]
    private static partial void LogUnreachable(ILogger logger, int dropNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nudges stopped on their own after {Unanswered} unanswered")]
    private static partial void LogAutoStopped(ILogger logger, int unanswered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nudge about drop {DropNumber}: the 1:1 chat could not be opened; tried again later")]
    private static partial void LogChatNotOpened(ILogger logger, Exception exception, int dropNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nudge about drop {DropNumber}: no answer from Teams; recorded as unconfirmed, not re-sent")]
    private static partial void LogNoAnswer(ILogger logger, Exception exception, int dropNumber);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue message {MessageId} is not a nudge job; deleted")]
    private static partial void LogMalformed(ILogger logger, string messageId);
}
