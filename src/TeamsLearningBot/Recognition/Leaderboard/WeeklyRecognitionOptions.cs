using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>When teams get their weekly recognition post, and how the scheduler paces itself.</summary>
public sealed class WeeklyRecognitionOptions
{
    public const string SectionName = "Recognition:Weekly";

    /// <summary>Runs the scheduler in this instance. Every instance may run it: claims keep each post exactly-once.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due posts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The day of the post, in each team's time zone; it covers the seven days before.</summary>
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    /// <summary>The time of day of the post, in each team's time zone.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan LocalTime { get; set; } = TimeSpan.FromHours(9);

    /// <summary>How long a claimed post is left to its instance before another takes it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PostLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Due posts one pass takes on.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Days of ledger rows kept: the leaderboard's 30 days and a week's post, with room to spare.</summary>
    [Range(38, 3650)]
    public int RetainDays { get; set; } = 40;
}
