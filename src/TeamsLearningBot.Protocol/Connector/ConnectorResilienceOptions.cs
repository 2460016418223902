using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>
/// Retry, timeout and outbound rate limits of Connector calls (configuration section <c>Connector</c>).
/// The limits default to the per-bot limits Teams documents; they apply per process.
/// </summary>
public sealed class ConnectorResilienceOptions
{
    public const string SectionName = "Connector";

    /// <summary>Retries after the first attempt; 4 means at most 5 attempts.</summary>
    [Range(1, 10)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First backoff delay; it doubles per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Cap on the backoff delay. A <c>Retry-After</c> longer than this is not waited for: the call
    /// fails with 429/503 at once so the caller can reschedule the work.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit on one HTTP exchange, not counting the wait for a rate-limit permit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit on the whole call: permit waits, attempts and delays between them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Sends per conversation in any 1 s. A channel thread counts as its channel.</summary>
    [Range(1, 100_000)]
    public int ConversationLimitPerSecond { get; set; } = 7;

    /// <summary>Sends per conversation in any 2 s.</summary>
    [Range(1, 100_000)]
    public int ConversationLimitPer2Seconds { get; set; } = 8;

    /// <summary>Sends per conversation in any 30 s.</summary>
    [Range(1, 100_000)]
    public int ConversationLimitPer30Seconds { get; set; } = 60;

    /// <summary>All Connector requests of the app, reads included, in any 1 s.</summary>
    [Range(1, 100_000)]
    public int AppLimitPerSecond { get; set; } = 50;

    /// <summary>Requests that may wait for a permit per conversation (and for the app); beyond it a call fails at once.</summary>
    [Range(0, 1_000_000)]
    public int QueueLimit { get; set; } = 10_000;
}
