using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Insights;

public sealed class InsightsOptions
{
    public const string SectionName = "Insights";

    /// <summary>A figure about fewer people than this reads "fewer than N" (never below 3).</summary>
    [Range(3, 1000)]
    public int MinGroupSize { get; set; } = 5;

    /// <summary>The period of <c>insights</c> when none is named.</summary>
    [Range(7, 3650)]
    public int DefaultDays { get; set; } = 28;

    /// <summary>Prune ledger weeks and markers older than <c>Privacy:RetentionDays</c> now and then.</summary>
    public bool RetentionEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);
}
