using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Protocol.Tests.Connector;

internal static class Arrivals
{
    /// <summary>The most requests that arrived within any span of <paramref name="window"/> (half-open).</summary>
    public static int MaxInWindow(IEnumerable<RecordedRequest> requests, TimeSpan window)
    {
        var times = requests.Select(r => r.Elapsed).Order().ToArray();
        var max = 0;
        for (int start = 0, end = 0; start < times.Length; start++)
        {
            while (end < times.Length && times[end] - times[start] < window)
            {
                end++;
            }

            max = Math.Max(max, end - start);
        }

        return max;
    }

    public static TimeSpan Span(IEnumerable<RecordedRequest> requests)
    {
        var times = requests.Select(r => r.Elapsed).ToArray();
        return times.Max() - times.Min();
    }
}
