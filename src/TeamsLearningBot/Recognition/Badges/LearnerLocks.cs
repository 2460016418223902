namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Serialises this instance's writes to one learner's partition. Not for correctness (ETags give
/// that, across instances too) but for speed: fifty kudos for one person at once would otherwise
/// retry each other's conflicts quadratically.
/// </summary>
public sealed class LearnerLocks
{
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
            await entry.Semaphore.WaitAsync(cancellationToken);
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

    private sealed class Releaser(LearnerLocks owner, string key, Entry entry) : IDisposable
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
