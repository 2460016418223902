using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Decides when a card's next update may run and queues it. Only the change that finds no refresh
/// scheduled queues one (the card row's <see cref="ReflectionPostEntity.RefreshScheduledAt"/>, set
/// in the same conditional write), so a burst of 200 reflections queues one message, not 200.
/// </summary>
public sealed class CardRefreshScheduler(CardRefreshMessages queue, CardRefreshSignal signal, IOptions<ReflectionOptions> options, TimeProvider time)
{
    /// <summary>True when a change to this card must queue a refresh (none queued, or the queued one was lost).</summary>
    public bool NeedsSchedule(ReflectionPostEntity post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.RefreshScheduledAt is not { } scheduled || time.GetUtcNow() - scheduled > options.Value.RefreshStaleAfter;
    }

    /// <summary>Queues the card's refresh for when it may next be updated. Queue first, then record it: a spare message is harmless, a missing one is not.</summary>
    public async Task ScheduleAsync(ReflectionPostEntity post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var delay = DelayFor(post);
        await queue.EnqueueAsync(post.Key, delay, cancellationToken);
        signal.WakeAfter(delay);
    }

    /// <summary>The wait before the card may change again: the debounce, or what is left of the minimum interval, spread (<see cref="ReflectionOptions.RefreshSpread"/>).</summary>
    public TimeSpan DelayFor(ReflectionPostEntity post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var delay = options.Value.CardRefreshDelay;
        if (post.LastCardUpdateAt is { } last)
        {
            var wait = last + options.Value.CardRefreshInterval - time.GetUtcNow();
            if (wait > delay)
            {
                delay = wait;
            }
        }

        return options.Value.Spread(delay);
    }
}
