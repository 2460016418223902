using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Reflections;

/// <summary>One card at a time: 200 people may share on one card at once.</summary>
public sealed class PostLocks(StorageHealth health) : PartitionLocks(health)
{
    public Task<IDisposable> AcquireAsync(PostKey post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        return AcquireAsync(post.Partition, cancellationToken);
    }
}
