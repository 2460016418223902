using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// One learner's nudge state across every team (row <c>state</c> of partition <c>u|{learner key}</c>):
/// the weekly count, their consent (stopped, snoozed), how the last nudges went, whether Teams lets
/// the bot reach them, and the time zone their Teams client last reported.
/// </summary>
public sealed class LearnerNudgeState : ITableEntity
{
    public const string Row = "state";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The week (<see cref="NudgeWindow.WeekOf"/>) <see cref="WeekCount"/> counts in.</summary>
    public int Week { get; set; }

    public int WeekCount { get; set; }

    public DateTimeOffset? LastNudgeAt { get; set; }

    public string? LastNudgeTeamId { get; set; }

    /// <summary>The row of the last nudge in its team's log (where an answer is counted).</summary>
    public string? LastNudgeLogRow { get; set; }

    /// <summary>The learner reacted after their last nudge (contributed, rated, or chose "Not now").</summary>
    public bool LastAnswered { get; set; }

    /// <summary>Nudges in a row with no reaction.</summary>
    public int Unanswered { get; set; }

    public DateTimeOffset? SnoozedUntil { get; set; }

    /// <summary>The learner said "Stop these" or <c>stop nudges</c>.</summary>
    public bool Stopped { get; set; }

    /// <summary>The bot stopped on its own after <see cref="NudgeOptions.AutoStopAfter"/> unanswered nudges (and said so).</summary>
    public bool AutoStopped { get; set; }

    /// <summary>When Teams last refused a 1:1 message to them (403: app not installed for them, left the tenant).</summary>
    public DateTimeOffset? UnreachableAt { get; set; }

    /// <summary>The IANA (or Windows) zone id their Teams client last sent.</summary>
    public string? TimeZone { get; set; }

    public bool Paused => Stopped || AutoStopped;
}
