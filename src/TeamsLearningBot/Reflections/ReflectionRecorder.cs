using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Stores reflections and ratings with their incremental totals (tables <c>Reflections</c> and
/// <c>ReflectionIndex</c>), each in one ETag-conditional transaction on the card, then publishes them
/// as learner events. The write order and its costs: docs/architecture.md, "Reflections".
/// </summary>
public sealed partial class ReflectionRecorder(
    ReflectionStore store,
    LearnerIndex index,
    ReflectionPostOpener posts,
    CardRefreshScheduler refresh,
    PostLocks locks,
    LearnerEvents events,
    TimeProvider time,
    ILogger<ReflectionRecorder> logger)
{

    public async Task<RecordResult> RecordAsync(ReflectionSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);

        // Started before the lock, so its round trip overlaps the wait for the card.
        var indexedAhead = store.GuessedCard(submission.Post, submission.LearnerKey) is { } card
            ? IndexAsync(submission, card.TeamId, onlyIfNew: true, cancellationToken)
            : null;
        RecordResult result;
        using (await locks.AcquireAsync(submission.Post, cancellationToken))
        {
            result = await RecordLockedAsync(submission, indexedAhead, cancellationToken);
        }

        // Outside the lock. A duplicate publishes again: its first delivery may have stopped
        // before publishing, and the sinks count each event id once.
        await events.PublishAsync([.. ReflectionEvents.Of(submission, result, time.GetUtcNow())], cancellationToken);

        return result;
    }

    private Task<CardIndexing> IndexAsync(ReflectionSubmission submission, string teamId, bool onlyIfNew, CancellationToken cancellationToken) =>
        index.AddCardAsync(submission.LearnerKey, teamId, submission.Post.Partition, submission.Post.ChannelId, submission.Post.RootActivityId, onlyIfNew, cancellationToken);

    private async Task<RecordResult> RecordLockedAsync(ReflectionSubmission submission, Task<CardIndexing>? indexedAhead, CancellationToken cancellationToken)
    {
        var scheduled = false;
        var guessParticipant = true;
        var indexed = false;
        var team = TeamIndexing.NotWritten;
        if (indexedAhead is not null)
        {
            // Added now: the learner had no row on the card, so theirs is rightly assumed new.
            // There already: they have one (or a stopped request meant to), so it is read.
            var ahead = await indexedAhead;
            guessParticipant = ahead.CardAdded;
            team = ahead.Team;
            indexed = true;
        }

        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await ReadAsync(submission.Post, submission.Card, submission.LearnerKey, submission.SourceId, cancellationToken, guessParticipant);
            if (snapshot.Post is not { } post)
            {
                return new RecordResult(RecordStatus.NotADrop, null);
            }

            var participant = snapshot.Participant;
            if (snapshot.Reflection is { } found)
            {
                // A redelivery: the index row went in before the first delivery's transaction.
                return new RecordResult(RecordStatus.Duplicate, post, participant?.Rating) { Reflection = found };
            }

            var hasText = submission.Text.Length > 0;
            var oldRating = participant?.Rating;
            var newRating = submission.Rating ?? oldRating;
            if (!hasText && newRating == oldRating)
            {
                return new RecordResult(RecordStatus.Unchanged, post, oldRating);
            }

            var now = time.GetUtcNow();
            var nextPost = Changed(post, submission.ServiceUrl) with
            {
                ChannelType = submission.ChannelType ?? post.ChannelType,
                Reflections = post.Reflections + (hasText ? 1 : 0),
                Ratings = post.Ratings + (oldRating is null && newRating is not null ? 1 : 0),
                RatingSum = post.RatingSum + (newRating ?? 0) - (oldRating ?? 0),
            };
            var nextParticipant = (participant ?? NewParticipant(post, submission.LearnerKey)) with
            {
                Rating = newRating,
                RatedAt = newRating != oldRating ? now : participant?.RatedAt,
                Reflections = (participant?.Reflections ?? 0) + (hasText ? 1 : 0),
            };
            var reflection = hasText ? NewReflection(post, submission, now) : null;

            if (refresh.NeedsSchedule(post))
            {
                if (!scheduled)
                {
                    await refresh.ScheduleAsync(post, cancellationToken);
                    scheduled = true;
                }

                nextPost.RefreshScheduledAt = now;
            }

            if (participant is null && !indexed)
            {
                // The transaction may create the learner's row: the index rows go first (see the class comment).
                team = (await IndexAsync(submission, post.TeamId, onlyIfNew: false, cancellationToken)).Team;
                indexed = true;
            }

            switch (await store.CommitAsync(nextPost, nextParticipant, reflection, null, cancellationToken, newParticipant: participant is null))
            {
                case CommitOutcome.ParticipantExists:
                    // The guess was wrong: the learner has a row here already. Read it this time.
                    guessParticipant = false;
                    break;
                case CommitOutcome.Committed:
                    return new RecordResult(RecordStatus.Recorded, nextPost, newRating) { Reflection = reflection, FirstRating = oldRating is null && newRating is not null, TeamIndexing = team };
                case CommitOutcome.Duplicate:
                    // A redelivery: its index row went in before the first delivery's transaction.
                    var stored = await store.GetReflectionAsync(submission.Post, submission.SourceId, cancellationToken);
                    return new RecordResult(RecordStatus.Duplicate, post, oldRating) { Reflection = stored ?? reflection };
                default:
                    // Someone changed the card first — perhaps a refresher that took the message queued
                    // above and found nothing new: after a conflict a refresh is queued again if still needed.
                    scheduled = false;
                    await BackOffAsync(attempt, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>
    /// A thread message was edited: the stored text follows. A message never stored (it had no
    /// text before) becomes a reflection now; one edited down to nothing is removed.
    /// </summary>
    public async Task<RecordResult> EditAsync(ReflectionSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        CardSnapshot snapshot;
        using (await locks.AcquireAsync(submission.Post, cancellationToken))
        {
            snapshot = await ReadAsync(submission.Post, submission.Card, null, submission.SourceId, cancellationToken);
        }

        if (snapshot.Post is null)
        {
            return new RecordResult(RecordStatus.NotADrop, null);
        }

        if (snapshot.Reflection is not { } existing)
        {
            return submission.Text.Length == 0 ? new RecordResult(RecordStatus.Unchanged, snapshot.Post) : await RecordAsync(submission, cancellationToken);
        }

        if (submission.Text.Length == 0)
        {
            return await RemoveAsync(submission.Post, submission.SourceId, cancellationToken);
        }

        await store.UpdateTextAsync(existing, submission.Text, time.GetUtcNow(), cancellationToken);
        return new RecordResult(RecordStatus.Edited, snapshot.Post);
    }

    /// <summary>A thread message was deleted: its reflection goes, and the totals with it.</summary>
    public async Task<RecordResult> RemoveAsync(PostKey key, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var held = await locks.AcquireAsync(key, cancellationToken);
        var scheduled = false;
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.ReadAsync(key, null, sourceId, cancellationToken);
            if (snapshot.Post is not { } post || snapshot.Reflection is not { } reflection)
            {
                return new RecordResult(RecordStatus.Unchanged, snapshot.Post);
            }

            var participant = (await store.ReadAsync(key, reflection.LearnerKey, null, cancellationToken)).Participant;
            var nextPost = Changed(post, null) with { Reflections = Math.Max(0, post.Reflections - 1) };
            if (refresh.NeedsSchedule(post))
            {
                if (!scheduled)
                {
                    await refresh.ScheduleAsync(post, cancellationToken);
                    scheduled = true;
                }

                nextPost.RefreshScheduledAt = time.GetUtcNow();
            }

            var nextParticipant = participant is null ? null : participant with { Reflections = Math.Max(0, participant.Reflections - 1) };
            if (await store.CommitAsync(nextPost, nextParticipant, null, reflection, cancellationToken) == CommitOutcome.Committed)
            {
                return new RecordResult(RecordStatus.Removed, nextPost);
            }

            scheduled = false;
            await BackOffAsync(attempt, cancellationToken);
        }
    }

    /// <summary>
    /// The card's partition, opening the card first if it is a drop's post that was never opened (or,
    /// from what the <paramref name="card"/> says, one whose post was left unconfirmed).
    /// </summary>
    private async Task<CardSnapshot> ReadAsync(PostKey key, Drops.CardOrigin? card, string? learnerKey, string? sourceId, CancellationToken cancellationToken, bool guessParticipant = false)
    {
        var snapshot = await store.ReadAsync(key, learnerKey, sourceId, cancellationToken, guessParticipant);
        if (snapshot.Post is not null || await posts.FindAndOpenAsync(key, card, cancellationToken) is null)
        {
            return snapshot;
        }

        return await store.ReadAsync(key, learnerKey, sourceId, cancellationToken, guessParticipant);
    }

    private static ReflectionPostEntity Changed(ReflectionPostEntity post, string? serviceUrl) => post with
    {
        Version = post.Version + 1,
        ServiceUrl = serviceUrl ?? post.ServiceUrl,
    };

    private static ParticipantEntity NewParticipant(ReflectionPostEntity post, string learnerKey) => new()
    {
        PartitionKey = post.PartitionKey,
        RowKey = ParticipantEntity.Row(learnerKey),
        LearnerKey = learnerKey,
    };

    private static ReflectionEntity NewReflection(ReflectionPostEntity post, ReflectionSubmission submission, DateTimeOffset now)
    {
        var anonymous = submission.Origin == ReflectionOrigin.Card && submission.Anonymous && post.AnonymousAllowed;
        return new ReflectionEntity
        {
            PartitionKey = post.PartitionKey,
            RowKey = ReflectionEntity.Row(submission.SourceId),
            SourceId = submission.SourceId,
            Origin = submission.Origin.ToString(),
            Text = submission.Text,
            Anonymous = anonymous,
            AuthorId = anonymous ? null : submission.AuthorId,
            AuthorName = anonymous ? null : submission.AuthorName,
            LearnerKey = submission.LearnerKey,
            TeamId = post.TeamId,
            ContentNumber = post.ContentNumber,
            CreatedAt = now,
            Echoed = submission.Origin == ReflectionOrigin.Thread,
        };
    }

    private async Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        LogConflict(logger, attempt);

        // Other instances write the same card: a short random pause lets one of them through.
        await ConflictBackoff.WaitAsync(attempt, "A card's totals", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A card's totals changed under a write (attempt {Attempt}); reading again")]
    private static partial void LogConflict(ILogger logger, int attempt);
}

/// <summary>
/// What became of a submission, with the card as it now stands and the learner's rating; the
/// reflection stored (now or, for a duplicate, before) and whether this was their first rating of the card.
/// </summary>
public sealed record RecordResult(RecordStatus Status, ReflectionPostEntity? Post, int? Rating = null)
{
    public ReflectionEntity? Reflection { get; init; }

    public bool FirstRating { get; init; }

    /// <summary>Whether recording wrote the learner's team row in the learner index (handed on to the events).</summary>
    public TeamIndexing TeamIndexing { get; init; }
}

public enum RecordStatus
{
    Recorded,

    /// <summary>The same activity was stored before (a redelivery); nothing changed.</summary>
    Duplicate,

    /// <summary>A rating equal to the learner's current one; nothing changed.</summary>
    Unchanged,

    Edited,

    Removed,

    /// <summary>The thread or card is not a drop's.</summary>
    NotADrop,
}
