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
        var bodies = Enumerable.Range(0, count).Select(_ => Next()).ToArray();
        var before = Begin();
        var start = Stopwatch.GetTimestamp();
        var sends = new Task<(bool Ok, double Ms, string Contact)>[count];
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
        var results = new ConcurrentBag<(bool Ok, double Ms, string Contact)>();
        var start = Stopwatch.GetTimestamp();
        var end = start + (seconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var body = Next();
                results.Add(await SendAsync(body, Stopwatch.GetTimestamp(), cancellationToken));
            }
        }));
        var duration = Stopwatch.GetElapsedTime(start);
        return await EndAsync(name, [.. results], duration, before, cancellationToken);
    }

    private (long Request, long Background, TimeSpan AppCpu, TimeSpan StorageCpu, IReadOnlyDictionary<string, long> Kinds, IReadOnlyDictionary<string, long> Contacts) Begin()
    {
        teams.Reset();
        var (request, background) = counter.Read();
        return (request, background, Environment.CpuUsage.TotalTime, azurite.CpuTime, counter.Breakdown(), counter.ByContact());
    }

    private async Task<PhaseResult> EndAsync(string name, (bool Ok, double Ms, string Contact)[] results, TimeSpan duration, (long Request, long Background, TimeSpan AppCpu, TimeSpan StorageCpu, IReadOnlyDictionary<string, long> Kinds, IReadOnlyDictionary<string, long> Contacts) before, CancellationToken cancellationToken)
    {
        var requestTransactions = counter.Read().Request - before.Request;
        var kinds = counter.Breakdown().ToDictionary(k => k.Key, k => k.Value - before.Kinds.GetValueOrDefault(k.Key), StringComparer.Ordinal);
        var contacts = results.GroupBy(r => r.Contact, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new ContactResult(g.Count(), counter.ByContact().GetValueOrDefault(g.Key) - before.Contacts.GetValueOrDefault(g.Key), [.. g.Where(r => r.Ok).Select(r => r.Ms)]),
            StringComparer.Ordinal);
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
            kinds,
            contacts);
    }

    private (string Body, string Contact) Next()
    {
        var n = Interlocked.Increment(ref sequence);
        return (cards.Reflection(n).ToJsonString(), cards.ContactOf(n));
    }

    private async Task<(bool Ok, double Ms, string Contact)> SendAsync((string Body, string Contact) next, long since, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Messages) { Content = new StringContent(next.Body, Encoding.UTF8, "application/json") };
            request.Headers.Add(RequestMarker.ContactHeader, next.Contact);
            using var response = await client.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return (response.IsSuccessStatusCode, Stopwatch.GetElapsedTime(since).TotalMilliseconds, next.Contact);
        }
        catch (HttpRequestException)
        {
            return (false, Stopwatch.GetElapsedTime(since).TotalMilliseconds, next.Contact);
        }
    }
}
