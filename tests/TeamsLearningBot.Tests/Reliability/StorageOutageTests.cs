using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>
/// Table storage behind a <see cref="FaultProxy"/> that hangs, resets or answers 503 while people
/// reflect: each request then fails within Teams' delivery timeout with a 500, or a 503 when it is
/// still waiting on storage at the acknowledgement deadline (so Teams delivers it again), rather
/// than hanging or being acknowledged; once storage is back and Teams has
/// redelivered, every reflection and rating is counted exactly once on the card, in the thread and
/// in insights.
/// </summary>
public sealed class StorageOutageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Teams gives up on a request after 15 s and delivers it again.
    private static readonly TimeSpan TeamsTimeout = TimeSpan.FromSeconds(15);
    private FaultProxy proxy = null!;
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        proxy = FaultProxy.Start(azurite.TablePort);
        var tables = azurite.WithTablesAt(proxy.Port);
        host = await ReflectionsHost.StartAsync(azurite, configure: app => app
            .WithSetting("Storage:ConnectionString", tables)
            // Two tries of 6 s fit in the acknowledgement deadline: a hung request fails (500) before it
            // would be answered 202, and a slow Azurite on a busy test machine is not taken for a hang.
            .WithSetting("Storage:NetworkTimeout", "00:00:06")
            .WithSetting("Storage:MaxRetries", "1")
            .WithSetting("AcknowledgeAfter", "00:00:14")
            // A card refresh that was under way when storage failed keeps its lease until it expires.
            .WithSetting("Reflections:RefreshLease", "00:00:05"));
    }

    public async ValueTask DisposeAsync()
    {
        proxy.Fault = StorageFault.None;
        await host.DisposeAsync();
        await proxy.DisposeAsync();
    }

    [Theory]
    [InlineData(StorageFault.Hang)]
    [InlineData(StorageFault.Reset)]
    [InlineData(StorageFault.ServiceUnavailable)]
    public async Task Reflections_during_an_outage_fail_fast_and_count_once_after_redelivery(StorageFault fault)
    {
        var before = Enumerable.Range(1, 4).Select(i => Activity(i)).ToList();
        foreach (var activity in before)
        {
            await host.SendAsync(activity);
        }
        proxy.Fault = fault;
        var during = Enumerable.Range(5, 8).Select(i => Activity(i)).ToList();
        var answers = await Task.WhenAll(during.Select(TimedAsync));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable, $"answered {a.Status}"));
        Assert.All(answers, a => Assert.True(a.Elapsed < TeamsTimeout, $"answered after {a.Elapsed}"));
        Assert.True(proxy.Faulted > 0, "no request met the fault");

        // Storage is back; Teams delivers the failed requests again, some of them twice.
        proxy.Fault = StorageFault.None;
        foreach (var activity in during.Concat(during.Take(3)))
        {
            await RedeliverAsync(activity);
        }
        await AssertCountedOnceAsync(12);
    }

    [Fact]
    public async Task An_outage_in_the_middle_of_a_burst_loses_and_doubles_nothing_once_Teams_redelivers()
    {
        var burst = Enumerable.Range(1, 30).Select(i => Activity(i)).ToList();
        var sending = burst.Select(TimedAsync).ToList();
        await Task.Delay(150, TestContext.Current.CancellationToken);
        proxy.Fault = StorageFault.Hang;
        var answers = await Task.WhenAll(sending);
        // Never 202: a turn acknowledged while storage fails could fail after Teams was told it had been taken.
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable, $"answered {a.Status}"));
        Assert.All(answers, a => Assert.True(a.Elapsed < TeamsTimeout, $"answered after {a.Elapsed}"));

        // Teams delivers again what failed; to be strict, everything is delivered again.
        proxy.Fault = StorageFault.None;
        foreach (var activity in burst)
        {
            await RedeliverAsync(activity);
        }

        await AssertCountedOnceAsync(30);
    }

    // Even-numbered learners share from the card with a rating, odd ones reply in the thread.
    private JsonObject Activity(int learner) => learner % 2 == 0
        ? host.Share($"Shared reflection {learner}", "4", ReflectionsHost.Learner(learner))
        : host.Reply($"Thread reflection {learner}", ReflectionsHost.Learner(learner));

    // As Teams does: delivered again after a 5xx, a few times. Right after storage comes back, a
    // request may still meet the end of the outage (a write that waited for its timeout).
    private async Task RedeliverAsync(JsonObject activity)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await host.SendAnyStatusAsync(activity);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            Assert.True(attempt < 3 && (int)response.StatusCode >= 500, $"delivery {attempt} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
    }

    private async Task<(HttpStatusCode Status, TimeSpan Elapsed)> TimedAsync(JsonObject activity)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await host.SendAnyStatusAsync(activity);
        return (response.StatusCode, Stopwatch.GetElapsedTime(start));
    }

    private async Task AssertCountedOnceAsync(int people)
    {
        var shares = people / 2;
        var card = await host.SettledCardAsync(TimeSpan.FromMinutes(2));
        Assert.Equal((people, shares, shares * 4), (card.Reflections, card.Ratings, card.RatingSum));

        // Shares from the card are posted into the thread (replies already are in it), each once.
        var echoed = host.ThreadMessages().SelectMany(m => m.Text!.Split("\n\n")).Where(t => t.Contains("Shared reflection", StringComparison.Ordinal)).ToList();
        Assert.Equal(shares, echoed.Count);
        Assert.Equal(shares, echoed.Distinct().Count());

        var ledgers = (await host.Get<InsightsStore>().RangeAsync(ReflectionsHost.TeamId, InsightsStore.LedgerPrefix, null, null, null, TestContext.Current.CancellationToken))
            .Select(LearnerLedger.FromRow)
            .ToList();
        Assert.Equal(people, ledgers.Count);
        Assert.Equal(people, ledgers.Sum(l => l.Entries.Sum(e => e.Reflections + e.Anonymous)));
        Assert.Equal(shares, ledgers.Count(l => l.Entries.Any(e => e.Rating == 4)));
    }
}
