using System.Text.Json;
using Azure.Storage.Queues;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// A queue message: consider nudging members of a team about one drop occurrence — a page of
/// <see cref="Members"/> as the planner writes it, or one person (<see cref="UserId"/>) whose nudge
/// waits for their own working hours or a retry. It carries the card and the item as posted and
/// whom to write to, so a worker's decision reads only each person's rows.
/// </summary>
public sealed record NudgeJob
{
    public required string TeamId { get; init; }

    public required int DropNumber { get; init; }

    public required string OccurrenceId { get; init; }

    public required string ChannelId { get; init; }

    public required string RootId { get; init; }

    public required DateTimeOffset PostedAt { get; init; }

    /// <summary>The item as posted.</summary>
    public required Content.ContentItem Item { get; init; }

    public string? Prompt { get; init; }

    /// <summary>The drop allows anonymous reflections.</summary>
    public bool Anonymous { get; init; }

    public required string ServiceUrl { get; init; }

    public required string TenantId { get; init; }

    public string? BotId { get; init; }

    public string? BotName { get; init; }

    /// <summary>The team's time zone, for a learner whose own the bot has not seen.</summary>
    public string? TeamTimeZone { get; init; }

    public string? TeamName { get; init; }

    /// <summary>The one person of a job of one (empty in a job of several).</summary>
    public string UserId { get; init; } = string.Empty;

    public string? AadObjectId { get; init; }

    public string? Name { get; init; }

    /// <summary>The people of a job of several, as the planner pages the channel's members.</summary>
    public IReadOnlyList<NudgeMember>? Members { get; init; }

    /// <summary>How many times the queue delivered the job this one of one was split from.</summary>
    public long EarlierAttempts { get; init; }

    /// <summary>Whether this job is one of several people rather than one.</summary>
    public bool IsSeveral => Members is not null;

    /// <summary>Everyone the job is about, each as a job of one.</summary>
    public IReadOnlyList<NudgeJob> People() =>
        Members is { } members
            ? [.. members.Where(m => !string.IsNullOrEmpty(m.UserId)).Select(m => this with { Members = null, UserId = m.UserId, AadObjectId = m.AadObjectId, Name = m.Name })]
            : UserId.Length > 0 ? [this] : [];

    public string ToMessage() => JsonSerializer.Serialize(this);

    public static NudgeJob? FromMessage(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<NudgeJob>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One member in a <see cref="NudgeJob"/> of several: the Teams user id, the Entra object id and the name.</summary>
public sealed record NudgeMember(string UserId, string? AadObjectId, string? Name);

/// <summary>
/// The Storage Queue <c>{prefix}-nudges</c>: a message per page of the people a plan considers
/// (<see cref="NudgeOptions.MembersPerJob"/>), and one per person whose nudge waits, for any
/// instance's workers.
/// </summary>
public sealed class NudgeJobMessages(QueueServiceClient service, StorageTables tables) : WorkMessages(service, tables, "nudges")
{
    public Task EnqueueAsync(NudgeJob job, CancellationToken cancellationToken) => EnqueueAsync(job, null, cancellationToken);

    /// <summary>Adds <paramref name="job"/>, visible after <paramref name="delay"/> when one is given.</summary>
    public Task EnqueueAsync(NudgeJob job, TimeSpan? delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return SendAsync(job.ToMessage(), delay, cancellationToken);
    }
}
