using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>How much kudos one person can give, and how kudos expire (configuration section <c>Recognition</c>).</summary>
public sealed class KudosOptions
{
    public const string SectionName = "Recognition";

    /// <summary>
    /// Kudos one person can give per day, each person named counting once. A limit keeps kudos
    /// meaningful; the day is the giver's own (see <see cref="KudosDay"/>).
    /// </summary>
    [Range(1, 50)]
    public int KudosPerDay { get; set; } = 5;

    /// <summary>Runs the kudos retention purge in this instance (it is idempotent, so several may).</summary>
    public bool KudosRetentionEnabled { get; set; } = true;

    /// <summary>How often the purge looks for kudos older than <see cref="Privacy.PrivacyOptions.RetentionDays"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan KudosRetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
