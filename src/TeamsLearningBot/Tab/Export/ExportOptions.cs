using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// The CSV export's settings (section <c>Export</c>): the keys that sign export links, how long a
/// link lasts, and how many reflections one storage page reads.
/// </summary>
public sealed class ExportOptions
{
    public const string SectionName = "Export";

    /// <summary>
    /// Base64 keys of at least 32 bytes. The first signs new links; every one is accepted, so a key
    /// is rotated by putting the new one first and dropping the old one after <see cref="LinkLifetime"/>.
    /// Required outside Development (there a key is generated for the process).
    /// </summary>
    public IList<string> SigningKeys { get; } = [];

    /// <summary>Where export links point (scheme and host); unset, the tab's domain is used.</summary>
    public Uri? PublicBaseUrl { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Reflections per storage page (Table storage returns at most 1,000).</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 1000;
}
