namespace TeamsLearningBot.Events;

/// <summary>
/// Publishes learner events to every registered sink. The sinks keep separate books, so they
/// receive the events at the same time; the publish ends when all have, and fails if any failed
/// (the caller's redelivery repeats it, and the sinks that had counted count nothing twice).
/// </summary>
public sealed class LearnerEvents(IEnumerable<ILearnerEventSink> sinks)
{
    private readonly ILearnerEventSink[] sinks = [.. sinks];

    public Task PublishAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        return PublishAsync([learnerEvent], cancellationToken);
    }

    /// <summary>The events of one occurrence, in order; each sink may count them together.</summary>
    public async Task PublishAsync(IReadOnlyList<LearnerEvent> learnerEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvents);
        if (learnerEvents.Count == 0)
        {
            return;
        }

        await Task.WhenAll(sinks.Select(sink => sink.RecordAsync(learnerEvents, cancellationToken)));
    }
}
