using Microsoft.Extensions.Caching.Memory;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// The card rows this instance wrote or read last, with their ETags, so the next write to a busy
/// card need not read the row first. Safe because every write of a card row is conditional on its
/// ETag: a copy that another writer has overtaken fails its write (412), is forgotten, and the row
/// is read again. Copies go in and out, so no caller can change a cached row.
/// </summary>
public sealed class CardRows : IDisposable
{
    private const int MaxCards = 10_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxCards });

    public ReflectionPostEntity? Find(PostKey key) =>
        cache.TryGetValue(key.Partition, out ReflectionPostEntity? post) ? post! with { } : null;

    /// <summary>Keeps a row as stored now; a row without an ETag cannot guard a write and is forgotten instead.</summary>
    public void Remember(ReflectionPostEntity post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.ETag == default)
        {
            cache.Remove(post.PartitionKey);
            return;
        }

        cache.Set(post.PartitionKey, post with { }, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
    }

    public void Forget(string partition) => cache.Remove(partition);

    public void Dispose() => cache.Dispose();
}
