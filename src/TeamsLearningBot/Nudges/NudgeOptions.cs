using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Nudges;

/// <summary>How often, when and to whom the bot nudges (section <c>Nudges</c>).</summary>
public sealed class NudgeOptions : IValidatableObject
{
    public const string SectionName = "Nudges";

    /// <summary>Nudges at all, in every team (facilitators switch them off per team with <c>nudges off</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Nudges one person gets in one week, across all teams.</summary>
    [Range(1, 7)]
    public int MaxPerWeek { get; set; } = 1;

    /// <summary>How long after a drop's post people are left to respond on their own.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A drop older than this is not worth a nudge any more (Storage Queue delays end at 7 days).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "6.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(6);

    /// <summary>Working hours, in the learner's own time zone (else the team's).</summary>
    public TimeOnly WorkdayStart { get; set; } = new(9, 0);

    public TimeOnly WorkdayEnd { get; set; } = new(17, 0);

    /// <summary>The working days, comma-separated English day names (a list would add to the default when bound).</summary>
    [Required]
    public string WorkingDays { get; set; } = "Monday,Tuesday,Wednesday,Thursday,Friday";

    /// <summary><see cref="WorkingDays"/> parsed; names that are not days are left out (validation refuses them at start-up).</summary>
    public IReadOnlySet<DayOfWeek> Days() =>
        WorkingDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => Enum.TryParse<DayOfWeek>(d, ignoreCase: true, out var day) ? (DayOfWeek?)day : null)
            .OfType<DayOfWeek>()
            .ToHashSet();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = WorkingDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0 || names.Any(n => !Enum.TryParse<DayOfWeek>(n, ignoreCase: true, out _) || !n.All(char.IsLetter)))
        {
            yield return new ValidationResult("Nudges:WorkingDays must list day names, e.g. Monday,Tuesday,Wednesday,Thursday,Friday.", [nameof(WorkingDays)]);
        }

        if (WorkdayEnd <= WorkdayStart)
        {
            yield return new ValidationResult("Nudges:WorkdayEnd must be after Nudges:WorkdayStart.", [nameof(WorkdayEnd)]);
        }
    }

    /// <summary>"Not now" pauses nudges for this many days.</summary>
    [Range(1, 365)]
    public int SnoozeDays { get; set; } = 14;

    /// <summary>Nudges in a row without a reaction after which the bot stops on its own (and says so once).</summary>
    [Range(1, 20)]
    public int AutoStopAfter { get; set; } = 3;

    /// <summary>A contribution this soon after a nudge counts for it in <c>nudges</c>.</summary>
    [Range(1, 30)]
    public int AnsweredWithinDays { get; set; } = 7;

    /// <summary>A person Teams would not let the bot reach (403) is tried again only after this many days.</summary>
    [Range(7, 3650)]
    public int UnreachableRetryDays { get; set; } = 90;

    /// <summary>The period <c>nudges</c> reports on.</summary>
    [Range(7, 365)]
    public int ReportDays { get; set; } = 28;

    /// <summary>Delete nudge records and log rows older than <c>Privacy:RetentionDays</c> now and then.</summary>
    public bool RetentionEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Runs the planner (which turns drops 24 h old into nudge jobs) in this instance.</summary>
    public bool PlannerEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PlanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a planner's unfinished fan-out is left alone before another instance takes it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PlanLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Runs nudge delivery workers in this instance.</summary>
    public bool WorkersEnabled { get; set; } = true;

    /// <summary>People one instance decides and nudges at once; each spends most of its time waiting for storage and the rate limiter.</summary>
    [Range(1, 64)]
    public int WorkerConcurrency { get; set; } = 32;

    /// <summary>
    /// People per queue message the planner writes: a 5,000-person team is 313 messages rather than
    /// 5,000, each received and deleted once.
    /// </summary>
    [Range(1, 64)]
    public int MembersPerJob { get; set; } = 16;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan WorkerPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a dequeued job is hidden from other workers; a "sending" claim older than this belongs to a worker that died.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before a job's next attempt: <see cref="RetryDelay"/>, doubling per delivery, at most an hour.</summary>
    public TimeSpan BackOff(long dequeueCount) => Storage.WorkMessages.BackOff(RetryDelay, dequeueCount, MaxBackOff);

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromHours(1);
}
