using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// <c>forget me</c> for reflections and ratings, named and anonymous alike: the learner's index
/// partition names every card they touched, so nothing is scanned. On each card their rows go
/// and their share of the totals with them (ETag-conditional, like any change); the bot's thread
/// messages that carried their words are edited or deleted.
/// </summary>
public sealed partial class ReflectionsPersonalDataEraser(
    ReflectionStore store,
    ReflectionIndex index,
    CardRefreshScheduler refresh,
    PostLocks locks,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<ReflectionsPersonalDataEraser> logger) : IPersonalDataEraser
{
    // A transaction holds 100 operations: the card row and the participant row leave room for 98.
    private const int ReflectionsPerTransaction = 98;

    public string Category => "Reflections and relevance ratings";

    public async Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var cards = await index.ListLearnerAsync(subject.LearnerKey, cancellationToken);
        var erased = 0;
        foreach (var card in cards)
        {
            erased += await EraseFromCardAsync(card.Post, subject.LearnerKey, cancellationToken);
        }

        await index.RemoveLearnerAsync(subject.LearnerKey, cards, cancellationToken);
        LogErased(logger, erased, cards.Count);
        return erased;
    }

    private async Task<int> EraseFromCardAsync(PostKey key, string learnerKey, CancellationToken cancellationToken)
    {
        var erased = 0;
        var echoes = new HashSet<string>(StringComparer.Ordinal);
        ReflectionPostEntity? post = null;
        using (await locks.AcquireAsync(key, cancellationToken))
        {
            var scheduled = false;
            while (true)
            {
                var found = await store.ReadLearnerAsync(key, learnerKey, cancellationToken);
                post = found.Post;
                if (found.Reflections.Count == 0 && found.Participant is null)
                {
                    break;
                }

                if (post is null)
                {
                    // No card row (cannot happen in normal operation): just remove the rows.
                    await store.DeleteRowsAsync([.. found.Reflections, .. found.Participant is null ? [] : new[] { found.Participant }], cancellationToken);
                    erased += found.Reflections.Count + (found.Participant?.Rating is null ? 0 : 1);
                    break;
                }

                var batch = found.Reflections.Take(ReflectionsPerTransaction).ToList();
                var last = batch.Count == found.Reflections.Count;
                var participant = last ? found.Participant : null;
                var rating = participant?.Rating;
                var next = post with
                {
                    Version = post.Version + 1,
                    Reflections = Math.Max(0, post.Reflections - batch.Count),
                    Ratings = Math.Max(0, post.Ratings - (rating is null ? 0 : 1)),
                    RatingSum = Math.Max(0, post.RatingSum - (rating ?? 0)),
                };
                if (refresh.NeedsSchedule(post))
                {
                    if (!scheduled)
                    {
                        await refresh.ScheduleAsync(post, cancellationToken);
                        scheduled = true;
                    }

                    next.RefreshScheduledAt = time.GetUtcNow();
                }

                if (await store.EraseAsync(next, batch, participant, cancellationToken) == CommitOutcome.Committed)
                {
                    erased += batch.Count + (rating is null ? 0 : 1);
                    echoes.UnionWith(batch.Select(r => r.EchoActivityId).OfType<string>().Where(id => id.Length > 0));
                }
            }
        }

        if (post is not null && echoes.Count > 0)
        {
            await RewriteEchoesAsync(post, echoes, cancellationToken);
        }

        return erased;
    }

    /// <summary>The bot's thread messages that carried the learner's words: edited without them, or deleted.</summary>
    private async Task RewriteEchoesAsync(ReflectionPostEntity post, IEnumerable<string> echoIds, CancellationToken cancellationToken)
    {
        if (post.ServiceUrl is not { } serviceUrl)
        {
            return;
        }

        // A scope per use: the Connector is a typed HttpClient, not to be held by a singleton.
        await using var scope = scopes.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectorClient>();

        foreach (var echoId in echoIds)
        {
            try
            {
                var remaining = await store.ListEchoedInAsync(post.Key, echoId, cancellationToken);
                if (remaining.Count == 0)
                {
                    await connector.DeleteActivityAsync(serviceUrl, post.ThreadConversationId, echoId, cancellationToken);
                }
                else
                {
                    var text = ThreadEcho.Text(remaining.OrderBy(r => r.CreatedAt));
                    await connector.UpdateActivityAsync(serviceUrl, post.ThreadConversationId, echoId, new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" }, cancellationToken);
                }
            }
            catch (Exception e) when (ConnectorFailures.IsFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                // The stored copy is gone either way; a thread message Teams would not change is reported, not retried.
                LogEchoNotRewritten(logger, ConnectorFailures.Describe(e));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forget me: erased {Count} reflections and ratings from {Cards} cards")]
    private static partial void LogErased(ILogger logger, int count, int cards);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forget me: a thread message carrying erased words could not be changed ({Error})")]
    private static partial void LogEchoNotRewritten(ILogger logger, string error);
}
