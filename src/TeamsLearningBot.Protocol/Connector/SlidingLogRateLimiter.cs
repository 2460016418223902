using System.Threading.RateLimiting;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>
/// At most <c>permitLimit</c> requests in any span of <c>window</c>, as the receiving end counts
/// them. A permit is taken when granted and comes back one full window after its lease is
/// disposed, that is after the request's response arrived. So two requests on the same permit
/// reach the server more than a window apart however late the first was delivered (a new
/// connection, a slow network): no safety margin is needed, and none is wasted. A sliding window of
/// segments, by contrast, measures from the grant, needs a margin for delivery jitter, and rounds
/// each return up to a segment boundary on a late timer, which costs a shared budget like the
/// app's 50 requests a second up to a fifth of its throughput.
/// <para>
/// Waiters are served in arrival order; beyond <c>queueLimit</c> waiting permits a request fails
/// at once. A lease must be disposed, or its permit never returns.
/// </para>
/// </summary>
internal sealed class SlidingLogRateLimiter : RateLimiter
{
    private static readonly RateLimitLease Refused = new Lease(null, 0);

    private readonly int permitLimit;
    private readonly TimeSpan window;
    private readonly int queueLimit;
    private readonly TimeProvider time;
    private readonly ITimer timer;
    private readonly Lock gate = new();

    // Permits whose request has not been answered yet, and the answer times of the permits
    // answered within the last window (oldest first): together, what the window holds.
    private int inUse;
    private readonly Queue<long> released;
    private readonly LinkedList<Waiter> waiters = new();
    private int queuedPermits;
    private long lastActivity;
    private long successfulLeases;
    private long failedLeases;
    private bool disposed;

    public SlidingLogRateLimiter(int permitLimit, TimeSpan window, int queueLimit, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        ArgumentNullException.ThrowIfNull(time);
        this.permitLimit = permitLimit;
        this.window = window;
        this.queueLimit = queueLimit;
        this.time = time;
        released = new Queue<long>(permitLimit);
        lastActivity = time.GetTimestamp();
        timer = time.CreateTimer(static state => ((SlidingLogRateLimiter)state!).ServeWaiters(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                return waiters.Count > 0 || inUse > 0 ? null : time.GetElapsedTime(lastActivity);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            Forget(time.GetTimestamp());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = permitLimit - inUse - released.Count,
                CurrentQueuedCount = queuedPermits,
                TotalSuccessfulLeases = successfulLeases,
                TotalFailedLeases = failedLeases,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermitCount(permitCount);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return waiters.Count == 0 && TryGrant(permitCount) ? Succeed(permitCount) : Fail();
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermitCount(permitCount);
        Waiter waiter;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (waiters.Count == 0 && TryGrant(permitCount))
            {
                return ValueTask.FromResult<RateLimitLease>(Succeed(permitCount));
            }

            if (queuedPermits + permitCount > queueLimit)
            {
                return ValueTask.FromResult(Fail());
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
            }

            waiter = new Waiter(permitCount, this);
            waiter.Node = waiters.AddLast(waiter);
            queuedPermits += permitCount;
            if (waiters.Count == 1)
            {
                ScheduleHead();
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Owner.Cancel((Waiter)state!, token), waiter);
        }

        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Abandon();
        }

        base.Dispose(disposing);
    }

    /// <summary>Stops the timer and fails every waiter: the limiter is going away.</summary>
    private void Abandon()
    {
        List<Waiter> abandoned;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            abandoned = [.. waiters];
            waiters.Clear();
            queuedPermits = 0;
        }

        timer.Dispose();
        foreach (var waiter in abandoned)
        {
            waiter.Cancellation.Dispose();
            waiter.Completion.TrySetException(new ObjectDisposedException(nameof(SlidingLogRateLimiter)));
        }
    }

    private void CheckPermitCount(int permitCount) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permitLimit);

    /// <summary>Grants <paramref name="permitCount"/> permits now if the last window leaves room for them.</summary>
    private bool TryGrant(int permitCount)
    {
        var now = time.GetTimestamp();
        Forget(now);
        if (inUse + released.Count + permitCount > permitLimit)
        {
            return false;
        }

        inUse += permitCount;
        lastActivity = now;
        return true;
    }

    /// <summary>Drops the permits answered a full window ago: they no longer count.</summary>
    private void Forget(long now)
    {
        while (released.Count > 0 && time.GetElapsedTime(released.Peek(), now) >= window)
        {
            released.Dequeue();
        }
    }

    /// <summary>A lease was disposed: its permits count for one more window from now.</summary>
    private void Release(int permitCount)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var now = time.GetTimestamp();
            inUse -= permitCount;
            for (var i = 0; i < permitCount; i++)
            {
                released.Enqueue(now);
            }

            lastActivity = now;
            ScheduleHead();
        }
    }

    /// <summary>
    /// Sets the timer for the moment the first waiter's permits fit into the window, or leaves it
    /// unset while that depends on leases still out (their release schedules again).
    /// </summary>
    private void ScheduleHead()
    {
        if (waiters.First is not { } head)
        {
            return;
        }

        Forget(time.GetTimestamp());
        var mustLeave = inUse + released.Count + head.Value.PermitCount - permitLimit;
        if (mustLeave > released.Count)
        {
            return;
        }

        var due = mustLeave <= 0
            ? TimeSpan.Zero
            : window - time.GetElapsedTime(released.ElementAt(mustLeave - 1));
        timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private void ServeWaiters()
    {
        List<Waiter> served = [];
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            while (waiters.First is { } head && TryGrant(head.Value.PermitCount))
            {
                waiters.RemoveFirst();
                queuedPermits -= head.Value.PermitCount;
                successfulLeases++;
                served.Add(head.Value);
            }

            ScheduleHead();
        }

        foreach (var waiter in served)
        {
            waiter.Cancellation.Dispose();
            waiter.Completion.TrySetResult(new Lease(this, waiter.PermitCount));
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }

            var wasHead = waiters.First == waiter.Node;
            waiters.Remove(waiter.Node);
            queuedPermits -= waiter.PermitCount;
            if (wasHead)
            {
                ScheduleHead();
            }
        }

        waiter.Completion.TrySetCanceled(cancellationToken);
    }

    private Lease Succeed(int permitCount)
    {
        successfulLeases++;
        return new Lease(this, permitCount);
    }

    private RateLimitLease Fail()
    {
        failedLeases++;
        return Refused;
    }

    private sealed class Waiter(int permitCount, SlidingLogRateLimiter owner)
    {
        public SlidingLogRateLimiter Owner { get; } = owner;

        public int PermitCount { get; } = permitCount;

        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }
    }

    /// <summary>A granted lease gives its permits back (into the window) once, when disposed.</summary>
    private sealed class Lease(SlidingLogRateLimiter? owner, int permitCount) : RateLimitLease
    {
        private int disposed;

        public override bool IsAcquired => owner is not null;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && owner is not null && Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Release(permitCount);
            }

            base.Dispose(disposing);
        }
    }
}
