namespace TeamsLearningBot.Storage;

/// <summary>
/// Serialises this instance's writes to one table partition at a time. Not for correctness (ETags
/// give that, across instances too) but for speed: a burst of writers on one partition would
/// otherwise retry each other's conflicts quadratically. Each feature holds its own set.
/// While <see cref="StorageHealth"/> reports failures, a writer that has waited
/// <see cref="MaxWaitWhileFailing"/> gives up: when storage hangs, the writers queued behind one
/// that waits for its timeout must not each wait for all the others' (a request has to fail within
/// Teams' delivery timeout, so that Teams delivers it again).
/// </summary>
public abstract class PartitionLocks(StorageHealth? health = null)
{
    public static readonly TimeSpan MaxWaitWhileFailing = TimeSpan.FromSeconds(2);
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

        try
        {
            while (!await entry.Semaphore.WaitAsync(MaxWaitWhileFailing, cancellationToken))
            {
                if (health?.IsFailing == true)
                {
                    throw new StorageUnavailableException("Storage is failing to answer; gave up waiting for the writers ahead.");
                }
            }
        }
        catch
        {
            Release(partition, entry, held: false);
            throw;
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

    private sealed class Releaser(PartitionLocks owner, string key, Entry entry) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.Release(key, entry, held: true);
            }
        }
    }
}

/// <summary>Storage is failing to answer: the request fails now (500), and Teams delivers it again.</summary>
public sealed class StorageUnavailableException(string message) : Exception(message);
