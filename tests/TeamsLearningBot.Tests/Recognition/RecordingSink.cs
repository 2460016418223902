using System.Collections.Concurrent;
using TeamsLearningBot.Events;

namespace TeamsLearningBot.Tests.Recognition;

/// <summary>A learner event sink that remembers every event it is given, for assertions.</summary>
internal sealed class RecordingSink : ILearnerEventSink
{
    private readonly ConcurrentQueue<LearnerEvent> events = new();

    public IReadOnlyList<LearnerEvent> Events => [.. events];

    public Task RecordAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        events.Enqueue(learnerEvent);
        return Task.CompletedTask;
    }
}
