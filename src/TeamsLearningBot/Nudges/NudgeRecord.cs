using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// One nudge about one drop occurrence to one learner (row <c>n|{team}|{drop}|{occurrence}</c> of
/// the learner's partition). It is added in the same transaction that counts the nudge against the
/// weekly cap, so its insert is the claim: a second worker, instance or queue redelivery meets a 409.
/// </summary>
public sealed class NudgeRecord : ITableEntity
{
    public const string Prefix = "n|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public int DropNumber { get; set; }

    public string OccurrenceId { get; set; } = string.Empty;

    /// <summary>The drop's card the nudge's reflection form answers (its channel and root post).</summary>
    public string ChannelId { get; set; } = string.Empty;

    public string RootId { get; set; } = string.Empty;

    public int ItemNumber { get; set; }

    public bool AnonymousAllowed { get; set; }

    public string State { get; set; } = NudgeStates.Sending;

    public DateTimeOffset? SendingSince { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The row in the team's log this nudge counts on.</summary>
    public string LogRow { get; set; } = string.Empty;

    public int Attempts { get; set; }

    public string? Reason { get; set; }

    public static string RowFor(string teamId, int dropNumber, string occurrenceId) =>
        Prefix + Storage.TableKeys.Encode(teamId) + "|" + dropNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + Storage.TableKeys.Encode(occurrenceId);
}

/// <summary>Where a <see cref="NudgeRecord"/> stands. Only <see cref="Sending"/> and <see cref="Retrying"/> lead to a send.</summary>
public static class NudgeStates
{
    public const string Sending = "sending";
    public const string Retrying = "retrying";
    public const string Sent = "sent";

    /// <summary>Teams refused it for good, or it gave up after its attempts.</summary>
    public const string Failed = "failed";

    /// <summary>No answer from Teams (it may have arrived): not sent again.</summary>
    public const string Unconfirmed = "unconfirmed";

    /// <summary>The learner stopped or snoozed nudges while this one waited for another attempt.</summary>
    public const string Withdrawn = "withdrawn";

    public static bool IsFinal(string state) => state is Sent or Failed or Unconfirmed or Withdrawn;
}
