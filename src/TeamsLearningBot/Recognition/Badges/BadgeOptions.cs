using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>How the badge engine paces itself (configuration section <c>Recognition:Badges</c>).</summary>
public sealed class BadgeOptions
{
    public const string SectionName = "Recognition:Badges";

    /// <summary>
    /// How long an instance trusts the team settings it read to decide that nothing is due. An award
    /// is always decided on settings read fresh, so a stale copy can delay an award, never grant one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SettingsCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the worker that claimed an award's notifications owns them. Another worker takes over
    /// only after this, so a notification is neither sent twice nor left behind by a crash.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan NotificationLease { get; set; } = TimeSpan.FromSeconds(15);
}
