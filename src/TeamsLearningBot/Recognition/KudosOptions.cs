using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Recognition;

/// <summary>How much kudos one person can give (configuration section <c>Recognition</c>).</summary>
public sealed class KudosOptions
{
    public const string SectionName = "Recognition";

    /// <summary>
    /// Kudos one person can give per day, each person named counting once. A limit keeps kudos
    /// meaningful; the day is the giver's own (see <see cref="KudosDay"/>).
    /// </summary>
    [Range(1, 50)]
    public int KudosPerDay { get; set; } = 5;
}
