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
    /// How long the worker that claimed an award's notifications owns them; another worker takes
    /// over only after this. Longer than a send can take (the Connector gives up within 2 minutes),
    /// so a live worker is never overtaken; a dead one's awards wait this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:30:00")]
    public TimeSpan NotificationLease { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often the outbox sweeper looks for awards whose notifications were left behind.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Runs the outbox sweeper in this instance (leases make it safe in every instance).</summary>
    public bool SweeperEnabled { get; set; } = true;
}
