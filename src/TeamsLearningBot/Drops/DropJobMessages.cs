using Azure.Storage.Queues;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>The Storage Queue <c>{prefix}-drops</c> that spreads posts over every instance's workers.</summary>
public sealed class DropJobMessages(QueueServiceClient service, StorageTables tables) : WorkMessages(service, tables, "drops")
{
    public Task EnqueueAsync(DropJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return SendAsync(job.ToMessage(), null, cancellationToken);
    }
}
