using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Drops;

/// <summary>How the drop scheduler and the delivery workers pace themselves.</summary>
public sealed class DropOptions
{
    public const string SectionName = "Drops";

    /// <summary>Runs the scheduler in this instance. Every instance may run it: claims keep it exactly-once.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>Runs delivery workers in this instance.</summary>
    public bool WorkersEnabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due drops.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an idle worker looks at the queue (a local enqueue wakes it sooner).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan WorkerPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Posts one instance has in flight at once.</summary>
    [Range(1, 64)]
    public int WorkerConcurrency { get; set; } = 16;

    /// <summary>
    /// How long a dequeued job stays invisible to other workers. It also bounds a post: a
    /// "sending" claim older than this belongs to a worker that died.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Posts of one job tried (claims of its delivery) before it is recorded as failed. With
    /// <see cref="RetryDelay"/> doubling, 8 tries wait 15 s + 30 s + … + 16 min: a post rides out
    /// about 32 minutes of Teams answering 429 or 5xx.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// Deliveries of one job, whatever failed them, before it is recorded as failed (poison handling):
    /// a job that keeps failing before it reaches Teams (storage down, a fault in the bot) is not
    /// retried forever, and a storage outage of minutes does not use up <see cref="MaxAttempts"/>.
    /// With the back-off capped at <see cref="VisibilityTimeout"/>, 20 deliveries span about 80 minutes.
    /// </summary>
    [Range(1, 1000)]
    public int MaxDeliveries { get; set; } = 20;

    /// <summary>First back-off after a transient failure (of Teams or of storage); it doubles on each delivery.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait before a job's next try after its <paramref name="dequeueCount"/>th delivery failed, at most an hour.</summary>
    public TimeSpan BackOff(long dequeueCount) => Storage.WorkMessages.BackOff(RetryDelay, dequeueCount, TimeSpan.FromHours(1));

    /// <summary>How long a scheduler's unfinished fan-out is left alone before another takes it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FanOutLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Due index rows a scheduler pass reads and claims at a time (a page); a pass goes on until every due row is met.</summary>
    [Range(1, 1000)]
    public int SchedulerBatchSize { get; set; } = 100;
}
