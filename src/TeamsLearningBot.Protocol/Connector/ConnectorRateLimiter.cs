using System.Threading.RateLimiting;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>
/// The process-wide budget of Connector requests: per conversation (a channel thread counts as its
/// channel) every window of <paramref name="conversationWindows"/>, and for the whole app
/// <paramref name="appWindow"/>. Waiting callers queue in arrival order; nothing is rejected while
/// the queue has room. Partitions of conversations that went quiet are dropped by the partitioned
/// limiters after ~10 s idle, so the key space does not grow forever.
/// </summary>
internal sealed class ConnectorRateLimiter : IDisposable
{
    // Permits are taken in order, each before waiting for the next. Conversation windows come first,
    // longest first, and the app window last: a call waiting for its conversation holds no app
    // permit meanwhile, so a burst to one channel cannot starve the others.
    private readonly PartitionedRateLimiter<string?>[] limiters;
    private readonly PartitionedRateLimiter<string?> chain;
    private int conversationPartitionsCreated;

    public ConnectorRateLimiter(IReadOnlyList<RateWindow> conversationWindows, RateWindow appWindow, int queueLimit)
    {
        ArgumentNullException.ThrowIfNull(conversationWindows);
        limiters =
        [
            .. conversationWindows.OrderByDescending(w => w.Window).Select(w => ForConversations(w, queueLimit)),
            PartitionedRateLimiter.Create<string?, string>(_ => RateLimitPartition.Get("app", _ => Exact(appWindow, queueLimit))),
        ];
        chain = PartitionedRateLimiter.CreateChained(limiters);
    }

    /// <summary>How many per-conversation window limiters were created; a partition dropped when idle is created again on next use.</summary>
    internal int ConversationPartitionsCreated => Volatile.Read(ref conversationPartitionsCreated);

    public static ConnectorRateLimiter Create(ConnectorResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConnectorRateLimiter(
            [
                new RateWindow(options.ConversationLimitPerSecond, TimeSpan.FromSeconds(1)),
                new RateWindow(options.ConversationLimitPer2Seconds, TimeSpan.FromSeconds(2)),
                new RateWindow(options.ConversationLimitPer30Seconds, TimeSpan.FromSeconds(30)),
            ],
            new RateWindow(options.AppLimitPerSecond, TimeSpan.FromSeconds(1)),
            options.QueueLimit);
    }

    /// <summary>The key a conversation is limited under: the channel of a thread, or null when there is none.</summary>
    public static string? PartitionOf(string? conversationId) =>
        string.IsNullOrEmpty(conversationId) ? null : ThreadIds.ChannelOf(conversationId);

    /// <summary>Waits for a permit of <paramref name="conversationId"/> (if any) and of the app.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(string? conversationId, CancellationToken cancellationToken) =>
        chain.AcquireAsync(PartitionOf(conversationId), 1, cancellationToken);

    public void Dispose()
    {
        // The chain does not own its limiters.
        chain.Dispose();
        foreach (var limiter in limiters)
        {
            limiter.Dispose();
        }
    }

    private PartitionedRateLimiter<string?> ForConversations(RateWindow window, int queueLimit) =>
        PartitionedRateLimiter.Create<string?, string>(key => key is null
            ? RateLimitPartition.GetNoLimiter(string.Empty)
            : RateLimitPartition.Get(key, _ =>
            {
                Interlocked.Increment(ref conversationPartitionsCreated);
                return Exact(window, queueLimit);
            }));

    /// <summary>
    /// Each window is kept exactly as Teams counts it, from the moment a response came back
    /// (<see cref="SlidingLogRateLimiter"/>), on the real clock: a test's fake clock must not hold
    /// back real HTTP calls.
    /// </summary>
    private static SlidingLogRateLimiter Exact(RateWindow window, int queueLimit) =>
        new(window.PermitLimit, window.Window, queueLimit, TimeProvider.System);
}

/// <summary>At most <see cref="PermitLimit"/> requests in any span of <see cref="Window"/>.</summary>
internal readonly record struct RateWindow(int PermitLimit, TimeSpan Window);
