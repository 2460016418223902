using System.Collections.Concurrent;
using TeamsLearningBot.Events;

namespace TeamsLearningBot.Tests.Recognition.Badges;

/// <summary>A sink registered after the badge engine, as the leaderboard's would be: it hears every event, awards included.</summary>
internal sealed class RecordingSink : ILearnerEventSink
{
    public ConcurrentQueue<LearnerEvent> Events { get; } = new();

    public Task RecordAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(learnerEvent);
        return Task.CompletedTask;
    }
}
