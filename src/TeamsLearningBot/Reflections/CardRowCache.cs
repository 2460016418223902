using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Caching.Memory;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// The card rows this instance wrote or read last, with their ETags, and the participant rows it
/// wrote since, so the next write to a busy card need not read them first. Safe because every
/// change to a card's totals or participants goes in one transaction with the card row,
/// conditional on its ETag: a remembered row that another writer has overtaken fails its write
/// (412), is forgotten, and the rows are read again. Participant rows are kept only while the card
/// row they were written with is the one remembered. Copies go in and out, so no caller can change
/// a remembered row.
/// <para>
/// The one write of participant rows without the card row is the retention purge, on cards whose
/// every reflection has expired; it forgets the card here, and elsewhere the copy expires after
/// <see cref="Idle"/> without use.
/// </para>
/// </summary>
public sealed class CardRowCache : IDisposable
{
    // Memory is bounded in units: a card row is one, and every 25 participant rows one more, so
    // at most about 4,000 cards or 100,000 participant rows (some tens of MB) are remembered.
    private const int Units = 4_000;
    private const int ParticipantsPerUnit = 25;
    private const int MaxParticipantsPerCard = 2_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Units });

    public ReflectionPostEntity? Find(PostKey key) =>
        cache.TryGetValue(key.Partition, out Entry? entry) ? entry!.Post with { } : null;

    /// <summary>The learner's participant row if this instance wrote it with the card row whose ETag is <paramref name="cardETag"/>.</summary>
    public ParticipantEntity? FindParticipant(PostKey key, string learnerKey, ETag cardETag) =>
        cache.TryGetValue(key.Partition, out Entry? entry) && entry!.Post.ETag == cardETag && entry.Participants.TryGetValue(learnerKey, out var participant)
            ? participant with { }
            : null;

    /// <summary>
    /// Keeps a card row as just read. If it is the row remembered (same ETag: nobody wrote since),
    /// what was known of its participants stays true; otherwise nothing is known of them.
    /// </summary>
    public void Remember(ReflectionPostEntity post)
    {
        ArgumentNullException.ThrowIfNull(post);
        Remember(post, post.ETag, null);
    }

    /// <summary>
    /// Keeps a card row as just written over the row whose ETag was <paramref name="basedOn"/>, with the
    /// participant row written alongside. What was known of the other participants stays true if
    /// the row written over was the one remembered.
    /// </summary>
    public void Remember(ReflectionPostEntity post, ETag basedOn, ParticipantEntity? participant)
    {
        ArgumentNullException.ThrowIfNull(post);
        var known = cache.TryGetValue(post.PartitionKey, out Entry? entry) && entry!.Post.ETag == basedOn
            ? entry.Participants
            : new ConcurrentDictionary<string, ParticipantEntity>(StringComparer.Ordinal);
        if (participant is not null && (known.Count < MaxParticipantsPerCard || known.ContainsKey(participant.LearnerKey)))
        {
            known[participant.LearnerKey] = participant with { };
        }

        Store(post, known);
    }

    public void Forget(string partition) => cache.Remove(partition);

    /// <summary>
    /// Forgets the card row if the remembered one has the ETag a write just failed on. A newer row
    /// remembered meanwhile (by a write that succeeded) stays.
    /// </summary>
    public void Forget(string partition, ETag failed)
    {
        if (cache.TryGetValue(partition, out Entry? entry) && entry!.Post.ETag == failed)
        {
            cache.Remove(partition);
        }
    }

    public void Dispose() => cache.Dispose();

    private void Store(ReflectionPostEntity post, ConcurrentDictionary<string, ParticipantEntity> participants)
    {
        if (post.ETag == default)
        {
            // Without an ETag a row cannot guard a write.
            cache.Remove(post.PartitionKey);
            return;
        }

        var size = 1 + (participants.Count / ParticipantsPerUnit);
        cache.Set(post.PartitionKey, new Entry(post with { }, participants), new MemoryCacheEntryOptions { Size = size, SlidingExpiration = Idle });
    }

    private sealed record Entry(ReflectionPostEntity Post, ConcurrentDictionary<string, ParticipantEntity> Participants);
}
