using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Protocol.Tests.Connector;

public sealed class SlidingLogRateLimiterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_permit_comes_back_one_window_after_its_response()
    {
        using var limiter = new SlidingLogRateLimiter(3, Window, queueLimit: 10, time);
        var ct = TestContext.Current.CancellationToken;

        var first = await limiter.AcquireAsync(1, ct);
        var second = await limiter.AcquireAsync(1, ct);
        var third = await limiter.AcquireAsync(1, ct);
        Assert.All([first, second, third], lease => Assert.True(lease.IsAcquired));

        time.Advance(TimeSpan.FromMilliseconds(100));
        first.Dispose();
        time.Advance(TimeSpan.FromMilliseconds(100));
        second.Dispose();

        var fourth = limiter.AcquireAsync(1, ct).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(899));
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await fourth).IsAcquired);

        var fifth = limiter.AcquireAsync(1, ct).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(fifth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await fifth).IsAcquired);

        // The third request is still waiting for its answer: its permit is not back, however long that takes.
        var sixth = limiter.AcquireAsync(1, ct).AsTask();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(sixth.IsCompleted);
        third.Dispose();
        time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.False(sixth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await sixth).IsAcquired);
    }

    [Fact]
    public void Attempts_do_not_wait()
    {
        using var limiter = new SlidingLogRateLimiter(2, Window, queueLimit: 10, time);

        limiter.AttemptAcquire().Dispose();
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        time.Advance(Window);
        var again = limiter.AttemptAcquire();
        Assert.True(again.IsAcquired);
        again.Dispose();
        again.Dispose();

        var statistics = limiter.GetStatistics()!;
        Assert.Equal(3, statistics.TotalSuccessfulLeases);
        Assert.Equal(1, statistics.TotalFailedLeases);
        Assert.Equal(0, statistics.CurrentAvailablePermits);
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order()
    {
        using var limiter = new SlidingLogRateLimiter(1, Window, queueLimit: 10, time);
        var ct = TestContext.Current.CancellationToken;
        (await limiter.AcquireAsync(1, ct)).Dispose();

        var order = new List<int>();
        var waiting = Enumerable.Range(1, 3).Select(async i =>
        {
            // Answered at once: the permit is back before the test moves the clock on.
            (await limiter.AcquireAsync(1, ct)).Dispose();
            lock (order)
            {
                order.Add(i);
            }
        }).ToArray();

        for (var served = 1; served <= 3; served++)
        {
            time.Advance(Window);
            await WaitUntilAsync(() => order.Count == served);
        }

        await Task.WhenAll(waiting);
        Assert.Equal([1, 2, 3], order);
    }

    [Fact]
    public async Task A_full_queue_refuses_at_once()
    {
        using var limiter = new SlidingLogRateLimiter(1, Window, queueLimit: 1, time);
        var ct = TestContext.Current.CancellationToken;
        (await limiter.AcquireAsync(1, ct)).Dispose();

        var queued = limiter.AcquireAsync(1, ct).AsTask();
        var refused = await limiter.AcquireAsync(1, ct);

        Assert.False(refused.IsAcquired);
        Assert.False(queued.IsCompleted);
        time.Advance(Window);
        Assert.True((await queued).IsAcquired);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_to_the_next()
    {
        using var limiter = new SlidingLogRateLimiter(1, Window, queueLimit: 1, time);
        var ct = TestContext.Current.CancellationToken;
        (await limiter.AcquireAsync(1, ct)).Dispose();

        using var cancel = new CancellationTokenSource();
        var cancelled = limiter.AcquireAsync(1, cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        // Its place in the queue (limit 1) is free again, and its permit goes to the next.
        var next = limiter.AcquireAsync(1, ct).AsTask();
        time.Advance(Window);
        Assert.True((await next).IsAcquired);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public async Task Disposing_fails_the_waiters()
    {
        var limiter = new SlidingLogRateLimiter(1, Window, queueLimit: 5, time);
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await limiter.AcquireAsync(1, ct)).IsAcquired);
        var waiting = limiter.AcquireAsync(1, ct).AsTask();

        limiter.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
    }

    [Fact]
    public void No_window_ever_holds_more_than_the_limit()
    {
        const int Limit = 50;
        using var limiter = new SlidingLogRateLimiter(Limit, Window, queueLimit: 10_000, time);
        var ct = TestContext.Current.CancellationToken;
        var random = new Random(7);
        var waiting = new List<Task<RateLimitLease>>();

        // What the server saw: each request arrived somewhere between its grant and its answer.
        var requests = new List<Request>();

        // A waiter is granted inside Advance (the fake clock fires timers synchronously), so the
        // clock right after a step is the moment its permit was granted.
        void Step(TimeSpan by)
        {
            time.Advance(by);
            var now = time.GetUtcNow();
            foreach (var request in requests.Where(r => r.AnsweredAt is null && r.AnswerDue <= now))
            {
                request.AnsweredAt = now;
                request.Lease.Dispose();
            }

            foreach (var granted in waiting.Where(t => t.IsCompleted).ToList())
            {
                Assert.True(granted.Result.IsAcquired);
                waiting.Remove(granted);

                // Answers take 0-300 ms, now and then much longer.
                var latency = TimeSpan.FromMilliseconds(random.Next(0, 10) == 0 ? random.Next(300, 3000) : random.Next(0, 300));
                requests.Add(new Request(granted.Result, now + latency));
                var inWindow = requests.Count(r => r.AnsweredAt is null || r.AnsweredAt.Value + Window > now);
                Assert.True(inWindow <= Limit, $"{inWindow} requests could reach the server within one window of {now:HH:mm:ss.fff}");
            }
        }

        // Bursts of uneven size at uneven moments for 20 simulated seconds: 70 a second on average.
        var requested = 0;
        for (var step = 0; step < 400; step++)
        {
            for (var i = random.Next(0, 8); i > 0; i--, requested++)
            {
                waiting.Add(limiter.AcquireAsync(1, ct).AsTask());
            }

            Step(TimeSpan.FromMilliseconds(random.Next(1, 100)));
        }

        while (waiting.Count > 0 || requests.Any(r => r.AnsweredAt is null))
        {
            Step(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(requested, requests.Count);
    }

    private sealed class Request(RateLimitLease lease, DateTimeOffset answerDue)
    {
        public RateLimitLease Lease { get; } = lease;

        public DateTimeOffset AnswerDue { get; } = answerDue;

        public DateTimeOffset? AnsweredAt { get; set; }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
