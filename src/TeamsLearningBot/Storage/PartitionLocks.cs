namespace TeamsLearningBot.Storage;

/// <summary>
/// Serialises this instance's writes to one table partition at a time. Not for correctness (ETags
/// give that, across instances too) but for speed: a burst of writers on one partition would
/// otherwise retry each other's conflicts quadratically. Each feature holds its own set.
/// A writer waits at most <see cref="MaxWait"/> and then goes ahead unlocked: when storage hangs,
/// the writers queued behind one that waits for its timeout must not each wait for all the others'
/// (a request has to fail within Teams' delivery timeout so that Teams delivers it again).
/// </summary>
public abstract class PartitionLocks
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
    private static readonly IDisposable Unlocked = new Releaser(null, string.Empty, null);
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public async Task<IDisposable> AcquireAsync(string partition, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (gate)
        {
            if (!entries.TryGetValue(partition, out entry!))
            {
                entry = new Entry();
                entries[partition] = entry;
            }

            entry.Users++;
        }

        bool held;
        try
        {
            held = await entry.Semaphore.WaitAsync(MaxWait, cancellationToken);
        }
        catch
        {
            Release(partition, entry, held: false);
            throw;
        }

        if (!held)
        {
            Release(partition, entry, held: false);
            return Unlocked;
        }

        return new Releaser(this, partition, entry);
    }

    private void Release(string key, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (gate)
        {
            if (--entry.Users == 0)
            {
                entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(PartitionLocks? owner, string key, Entry? entry) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (owner is not null && entry is not null && Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.Release(key, entry, held: true);
            }
        }
    }
}
