using System.Collections.Concurrent;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Insights;

/// <summary>The reflections one report quotes, each read once however often the report wants it (an idea can also be a term's quote).</summary>
internal sealed class QuoteReads(ReflectionStore reflections, CancellationToken cancellationToken)
{
    private readonly ConcurrentDictionary<ReflectionRef, Lazy<Task<ReflectionEntity?>>> reads = new();

    public Task<ReflectionEntity?> GetAsync(ReflectionRef reference) =>
        reads.GetOrAdd(reference, r => new Lazy<Task<ReflectionEntity?>>(() => reflections.GetReflectionAsync(r.Post, r.SourceId, cancellationToken))).Value;
}
