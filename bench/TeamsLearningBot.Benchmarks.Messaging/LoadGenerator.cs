using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace TeamsLearningBot.Benchmarks.Messaging;

/// <summary>
/// Posts pre-built activities to the bot. Two shapes of load: an open-loop schedule at a fixed
/// rate, whose latencies count from each request's scheduled send time (so a stall shows up in
/// every request it delays, not only in the one that hit it), and closed-loop clients that each
/// send the next request when the previous one is answered.
/// </summary>
internal sealed class LoadGenerator(HttpClient client, Uri endpoint, IReadOnlyList<byte[]> bodies, IReadOnlyList<string> authorizations)
{
    private int sequence;

    /// <summary>
    /// Sends <paramref name="rate"/> requests a second for <paramref name="duration"/>, whatever the
    /// answers take, with at most <paramref name="maxInFlight"/> outstanding (each holds a connection
    /// and file descriptors on both sides). A request held back by that cap still counts from its
    /// scheduled time.
    /// </summary>
    public async Task<PhaseSamples> RunFixedRateAsync(int rate, TimeSpan duration, int maxInFlight, CancellationToken cancellationToken)
    {
        using var inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
        var heldBack = 0;
        var total = checked((int)Math.Round(rate * duration.TotalSeconds));
        var latencies = new long[total];
        var lags = new long[total];
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var tasks = new Task[total];
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var next = 0;
        while (next < total && !cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            while (next < total && Due(next) <= now)
            {
                tasks[next] = SendScheduledAsync(next, Due(next));
                next++;
            }

            if (next < total)
            {
                // About a millisecond; a request sent late still counts from its scheduled time.
                await Task.Delay(1, CancellationToken.None);
            }
        }

        await Task.WhenAll(tasks.Take(next));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var sortedLags = lags.Take(next).ToArray();
        Array.Sort(sortedLags);
        return PhaseSamples.From(latencies.Take(next), next, elapsed, errors) with { HeldBack = heldBack, SortedSendLags = sortedLags };

        long Due(int i) => start + (long)(i * ticksPerRequest);

        async Task SendScheduledAsync(int i, long scheduled)
        {
            if (!inFlight.Wait(0, CancellationToken.None))
            {
                Interlocked.Increment(ref heldBack);
                await inFlight.WaitAsync(CancellationToken.None);
            }

            lags[i] = Stopwatch.GetTimestamp() - scheduled;
            string? outcome;
            try
            {
                outcome = await SendAsync(CancellationToken.None);
            }
            finally
            {
                inFlight.Release();
            }

            latencies[i] = Stopwatch.GetTimestamp() - scheduled;
            if (outcome is not null)
            {
                latencies[i] = -1;
                errors.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            }
        }
    }

    /// <summary><paramref name="concurrency"/> clients, each sending its next request as soon as the previous one is answered.</summary>
    public async Task<PhaseSamples> RunClosedLoopAsync(int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => ClientAsync())).ToArray();
        var perClient = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var all = perClient.SelectMany(l => l);
        return PhaseSamples.From(all, perClient.Sum(l => l.Count), elapsed, errors);

        async Task<List<long>> ClientAsync()
        {
            var latencies = new List<long>(capacity: 4096);
            while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                var outcome = await SendAsync(CancellationToken.None);
                if (outcome is null)
                {
                    latencies.Add(Stopwatch.GetTimestamp() - sent);
                }
                else
                {
                    latencies.Add(-1);
                    errors.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                }
            }

            return latencies;
        }
    }

    /// <summary>The activity of conversation <paramref name="body"/>; the status the bot answered ("200", "202", ...), or what went wrong.</summary>
    public async Task<string> SendToAsync(int body, CancellationToken cancellationToken)
    {
        var i = (uint)Interlocked.Increment(ref sequence);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Version = HttpVersion.Version11,
            Content = new ByteArrayContent(bodies[body]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("Authorization", authorizations[(int)(i % (uint)authorizations.Count)]);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException e)
        {
            return e.HttpRequestError.ToString();
        }
        catch (TaskCanceledException)
        {
            return "timeout";
        }
    }

    /// <summary>One activity; null when the bot answered 200, else what went wrong.</summary>
    public async Task<string?> SendAsync(CancellationToken cancellationToken)
    {
        var i = (uint)Interlocked.Increment(ref sequence);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Version = HttpVersion.Version11,
            Content = new ByteArrayContent(bodies[(int)(i % (uint)bodies.Count)]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("Authorization", authorizations[(int)(i % (uint)authorizations.Count)]);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return e.HttpRequestError.ToString();
        }
        catch (TaskCanceledException)
        {
            return "timeout";
        }
    }
}

/// <summary>What one phase measured: latencies in <see cref="Stopwatch"/> ticks, failures as -1.</summary>
internal sealed record PhaseSamples(long[] SortedLatencies, int Sent, int Failed, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Errors)
{
    public int Succeeded => Sent - Failed;

    /// <summary>Requests of an open-loop schedule that waited for the in-flight cap: the bot had fallen behind.</summary>
    public int HeldBack { get; init; }

    /// <summary>
    /// Of an open-loop schedule: how late each request started relative to its scheduled time, in
    /// ticks, sorted. Without the in-flight cap in play this is the load generator's own delay (the
    /// machine's scheduling), which the latencies include.
    /// </summary>
    public long[] SortedSendLags { get; init; } = [];

    public double Throughput => Succeeded / Elapsed.TotalSeconds;

    public static PhaseSamples From(IEnumerable<long> latencies, int sent, TimeSpan elapsed, ConcurrentDictionary<string, int> errors)
    {
        var succeeded = latencies.Where(l => l >= 0).ToArray();
        Array.Sort(succeeded);
        return new PhaseSamples(succeeded, sent, sent - succeeded.Length, elapsed, new Dictionary<string, int>(errors, StringComparer.Ordinal));
    }

    /// <summary>Nearest-rank percentile of the latencies in milliseconds; NaN without samples.</summary>
    public double PercentileMs(double percentile) => Percentile(SortedLatencies, percentile);

    /// <summary>Nearest-rank percentile of the send lags in milliseconds; NaN for a closed loop.</summary>
    public double SendLagPercentileMs(double percentile) => Percentile(SortedSendLags, percentile);

    public double MaxMs => SortedLatencies.Length == 0 ? double.NaN : ToMs(SortedLatencies[^1]);

    private static double Percentile(long[] sorted, double percentile)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return ToMs(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
