using System.Collections.Concurrent;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TeamsLearningBot.Benchmarks;

/// <summary>
/// Times every storage request of the measured instance (tables and queues), from the due time on,
/// so a stall in the posts can be laid beside what storage was doing then.
/// </summary>
internal sealed class StorageTrace : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<(string Kind, TimeSpan Start, TimeSpan End)> requests = new();
    private DateTimeOffset? origin;

    public TimeSpan Slowest => requests.IsEmpty ? TimeSpan.Zero : requests.Max(r => r.End - r.Start);

    public void Start(DateTimeOffset due) => origin = due;

    public int Slow(TimeSpan over) => requests.Count(r => r.End - r.Start > over);

    /// <summary>"kind ×count (longest s)" for the requests that overlapped [from, to).</summary>
    public string InFlightDuring(TimeSpan from, TimeSpan to) => string.Join(", ", requests
        .Where(r => r.Start < to && r.End > from)
        .GroupBy(r => r.Kind)
        .OrderByDescending(g => g.Count())
        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} x{g.Count()} (longest {g.Max(r => r.End - r.Start).TotalSeconds:F2} s)")));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app calls storage asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (origin is not { } start)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        var began = DateTimeOffset.UtcNow - start;
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            requests.Enqueue((Kind(message), began, DateTimeOffset.UtcNow - start));
        }
    }

    private static string Kind(HttpMessage message)
    {
        var path = message.Request.Uri.Path;
        var segment = path.TrimEnd('/').Split('/')[^1];
        var noun = segment == "messages" || path.Contains("/messages/", StringComparison.Ordinal) ? "queue" : segment.StartsWith('$') ? segment : "table";
        return message.Request.Method + " " + noun;
    }
}
