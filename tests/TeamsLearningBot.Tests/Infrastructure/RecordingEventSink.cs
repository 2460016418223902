using System.Collections.Concurrent;
using TeamsLearningBot.Events;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>
/// Keeps every learner event published, in order, as a sink registered in the app would receive it.
/// Registered after the app's own sinks (the badge engine's among them), it hears awards too.
/// </summary>
internal sealed class RecordingEventSink : ILearnerEventSink
{
    private readonly ConcurrentQueue<LearnerEvent> events = new();

    public IReadOnlyList<LearnerEvent> Events => [.. events];

    /// <summary>The events as a sink that counts each event id once sees them.</summary>
    public IReadOnlyList<LearnerEvent> Distinct => [.. events.DistinctBy(e => e.EventId)];

    public IReadOnlyList<LearnerEvent> Of(LearnerEventKind kind) => [.. Distinct.Where(e => e.Kind == kind)];

    public Task RecordAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        events.Enqueue(learnerEvent);
        return Task.CompletedTask;
    }
}
