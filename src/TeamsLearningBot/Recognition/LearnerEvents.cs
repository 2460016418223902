namespace TeamsLearningBot.Recognition;

/// <summary>Publishes a learner event to every registered sink, in registration order.</summary>
public sealed class LearnerEvents(IEnumerable<ILearnerEventSink> sinks)
{
    private readonly ILearnerEventSink[] sinks = [.. sinks];

    public async Task PublishAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        foreach (var sink in sinks)
        {
            await sink.RecordAsync(learnerEvent, cancellationToken);
        }
    }
}
