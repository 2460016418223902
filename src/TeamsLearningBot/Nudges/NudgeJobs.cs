using Azure.Storage.Queues;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// The Storage Queue <c>{prefix}-nudges</c>: a message per page of the people a plan considers
/// (<see cref="NudgeOptions.MembersPerJob"/>), and one per person whose nudge waits, for any
/// instance's workers.
/// </summary>
public sealed class NudgeJobs(QueueServiceClient service, StorageTables tables) : WorkMessages(service, tables, "nudges")
{
    public Task EnqueueAsync(NudgeJob job, CancellationToken cancellationToken) => EnqueueAsync(job, null, cancellationToken);

    /// <summary>Adds <paramref name="job"/>, visible after <paramref name="delay"/> when one is given.</summary>
    public Task EnqueueAsync(NudgeJob job, TimeSpan? delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return SendAsync(job.ToMessage(), delay, cancellationToken);
    }
}
