using Azure.Storage.Queues;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Nudges;

/// <summary>The Storage Queue <c>{prefix}-nudges</c>: one message per person a plan considers, for any instance's workers.</summary>
public sealed class NudgeJobs(QueueServiceClient service, StorageTables tables) : WorkMessages(service, tables, "nudges")
{
    public Task EnqueueAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return SendAsync(job.ToMessage(), null, cancellationToken);
    }
}
