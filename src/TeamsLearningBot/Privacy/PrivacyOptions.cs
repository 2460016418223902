using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Privacy;

public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// Secret mixed into learner keys so that someone who can read the tables and knows user ids
    /// still cannot link an anonymous record to a person. Optional; changing it later orphans the
    /// keys of existing anonymous records.
    /// </summary>
    public string? PseudonymSecret { get; set; }

    /// <summary>Reflections older than this are deleted.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 365;
}
