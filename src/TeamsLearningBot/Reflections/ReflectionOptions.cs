using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Reflections;

/// <summary>How reflections pace card updates and housekeeping (configuration section <c>Reflections</c>).</summary>
public sealed class ReflectionOptions
{
    public const string SectionName = "Reflections";

    /// <summary>
    /// How long after the first reflection of a quiet card its refresh runs, so a burst that follows
    /// lands in the same card update.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CardRefreshDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The least time between two updates of one card (Teams limits sends per conversation).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CardRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Up to this share of a refresh's wait is added at random, so cards posted together (a drop
    /// into many channels) do not all refresh — and call Teams and storage — at the same moment.
    /// </summary>
    [Range(0.0, 1.0)]
    public double RefreshSpread { get; set; } = 0.25;

    /// <summary>A refresh's wait, lengthened at random by up to <see cref="RefreshSpread"/> of it; never shorter.</summary>
    public TimeSpan Spread(TimeSpan wait) => wait + (wait * (Random.Shared.NextDouble() * RefreshSpread));

    /// <summary>Runs the card refresher in this instance. Every instance may: a lease keeps one per card.</summary>
    public bool RefreshWorkerEnabled { get; set; } = true;

    /// <summary>How often an idle refresher looks at the queue (a local schedule wakes it sooner).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RefreshPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a refresher owns a card; also the queue message's visibility timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan RefreshLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A refresh scheduled this long ago without finishing is taken as lost and scheduled again.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RefreshStaleAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Reflections one bot message in the thread carries when a burst arrives at once.</summary>
    [Range(1, 20)]
    public int ReflectionsPerThreadMessage { get; set; } = 10;

    /// <summary>Runs the retention purge in this instance (it is idempotent, so several may).</summary>
    public bool RetentionEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
