using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using TeamsLearningBot.Bench;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary>Sends reflections to <c>/api/messages</c> at a fixed rate (open loop) or as fast as it answers (closed loop).</summary>
internal sealed class LoadRunner(HttpClient client, BenchCards cards, FakeConnector teams, TransactionCounter counter, Azurite azurite)
{
    private static readonly Uri Messages = new("/api/messages", UriKind.Relative);
    private long sequence;

    /// <summary>
    /// Open loop: request i is due at start + i/rate and its latency counts from then, so a slow
    /// answer cannot hide the requests queued behind it.
    /// </summary>
    public async Task<PhaseResult> FixedRateAsync(string name, int rate, int seconds, CancellationToken cancellationToken)
    {
        var count = rate * seconds;
        var bodies = Enumerable.Range(0, count).Select(_ => Body()).ToArray();
        var before = Begin();
        var start = Stopwatch.GetTimestamp();
        var sends = new Task<(bool Ok, double Ms)>[count];
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)((double)i * Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            sends[i] = SendAsync(bodies[i], due, cancellationToken);
        }

        var results = await Task.WhenAll(sends);
        var duration = Stopwatch.GetElapsedTime(start);
        return await EndAsync(name, results, duration, before, cancellationToken);
    }

    /// <summary>Closed loop: <paramref name="concurrency"/> senders, each sending its next reflection as soon as the last is answered.</summary>
    public async Task<PhaseResult> SaturationAsync(string name, int concurrency, int seconds, CancellationToken cancellationToken)
    {
        var before = Begin();
        var results = new ConcurrentBag<(bool Ok, double Ms)>();
        var start = Stopwatch.GetTimestamp();
        var end = start + (seconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var body = Body();
                results.Add(await SendAsync(body, Stopwatch.GetTimestamp(), cancellationToken));
            }
        }));
        var duration = Stopwatch.GetElapsedTime(start);
        return await EndAsync(name, [.. results], duration, before, cancellationToken);
    }

    private (long Request, long Background, TimeSpan AppCpu, TimeSpan StorageCpu, IReadOnlyDictionary<string, long> Kinds) Begin()
    {
        teams.Reset();
        var (request, background) = counter.Read();
        return (request, background, Environment.CpuUsage.TotalTime, azurite.CpuTime, counter.Breakdown());
    }

    private async Task<PhaseResult> EndAsync(string name, (bool Ok, double Ms)[] results, TimeSpan duration, (long Request, long Background, TimeSpan AppCpu, TimeSpan StorageCpu, IReadOnlyDictionary<string, long> Kinds) before, CancellationToken cancellationToken)
    {
        var requestTransactions = counter.Read().Request - before.Request;
        var kinds = counter.Breakdown().ToDictionary(k => k.Key, k => k.Value - before.Kinds.GetValueOrDefault(k.Key), StringComparer.Ordinal);
        var appCpu = Environment.CpuUsage.TotalTime - before.AppCpu;
        var storageCpu = azurite.CpuTime - before.StorageCpu;

        // Card updates and thread messages happen after the burst: wait for the refresher to finish.
        var settled = await cards.WaitSettledAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var after = counter.Read();
        var activities = teams.Activities;
        var roots = cards.Posts.Select(p => p.RootActivityId).ToHashSet(StringComparer.Ordinal);
        return new PhaseResult(
            name,
            results.Length,
            results.Count(r => !r.Ok),
            duration,
            [.. results.Where(r => r.Ok).Select(r => r.Ms)],
            requestTransactions,
            after.Background - before.Background,
            activities.Count(a => a.Method == "PUT" && a.Route is ["conversations", _, "activities", var id] && roots.Contains(id)),
            activities.Count(a => a.Method == "POST"),
            appCpu,
            storageCpu,
            settled,
            kinds);
    }

    private string Body() => cards.Reflection(Interlocked.Increment(ref sequence)).ToJsonString();

    private async Task<(bool Ok, double Ms)> SendAsync(string body, long since, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(Messages, content, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return (response.IsSuccessStatusCode, Stopwatch.GetElapsedTime(since).TotalMilliseconds);
        }
        catch (HttpRequestException)
        {
            return (false, Stopwatch.GetElapsedTime(since).TotalMilliseconds);
        }
    }
}
