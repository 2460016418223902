namespace TeamsLearningBot.Events;

/// <summary>
/// Receives every <see cref="LearnerEvent"/>. A sink is idempotent per <see cref="LearnerEvent.EventId"/>:
/// the same event delivered again changes nothing. A sink that fails throws; the publisher lets
/// the failure reach the caller, whose redelivery then repeats the event safely.
/// </summary>
public interface ILearnerEventSink
{
    Task RecordAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken);

    /// <summary>
    /// The events of one occurrence (a reflection and its first rating), which a sink may count
    /// together to save storage work. By default, one after the other.
    /// </summary>
    async Task RecordAsync(IReadOnlyList<LearnerEvent> learnerEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvents);
        foreach (var learnerEvent in learnerEvents)
        {
            await RecordAsync(learnerEvent, cancellationToken);
        }
    }
}
