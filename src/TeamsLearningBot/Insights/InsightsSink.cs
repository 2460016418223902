using System.Globalization;
using Azure.Data.Tables;
using TeamsLearningBot.Events;
using TeamsLearningBot.Insights.Text;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Insights;

/// <summary>
/// The insights <see cref="ILearnerEventSink"/>: counts each event once into the learner's ledger
/// row in the team's partition, a reflection's terms into the term rows of its block of four weeks
/// (for the scope and for each of its tags), and the note of the card it was on, all in one transaction
/// with the events' markers — and, in the same transaction, the rows of the other books kept in the
/// team's partition (<see cref="ITeamPartitionBook"/>: the leaderboard), so one marker per event
/// stands for all of them. A reflection's text is read here, once, for its terms and for what it
/// reads as (an idea, a customer or market signal, the writer's struggle); only counts and a
/// reference to the reflection are kept, never the text.
/// </summary>
public sealed partial class InsightsSink(
    InsightsStore store,
    LearnerIndex index,
    IEnumerable<ITeamPartitionBook> books,
    StorageHealth health,
    ILogger<InsightsSink> logger) : ILearnerEventSink
{
    // A transaction holds at most 100 rows: each event is a marker and may add a term row, a note and a weekly-post row.
    private const int MaxEventsPerTransaction = 30;
    private readonly ITeamPartitionBook[] books = [.. books];
    private readonly CommitLocks locks = new(health);

    public Task RecordAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        return RecordAsync([learnerEvent], cancellationToken);
    }

    public async Task RecordAsync(IReadOnlyList<LearnerEvent> learnerEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvents);
        var counted = learnerEvents.Where(e => e.TeamId.Length > 0 && e.LearnerKey.Length > 0).GroupBy(e => (e.TeamId, e.LearnerKey));
        foreach (var group in counted)
        {
            foreach (var batch in group.Chunk(MaxEventsPerTransaction))
            {
                await RecordLearnerAsync(group.Key.TeamId, group.Key.LearnerKey, batch, cancellationToken);
            }
        }
    }

    public static bool IsPrivate(string? channelType) =>
        string.Equals(channelType, "private", StringComparison.OrdinalIgnoreCase) || string.Equals(channelType, "shared", StringComparison.OrdinalIgnoreCase);

    private static bool Counts(LearnerEvent e) => e.TeamId.Length > 0 && e.LearnerKey.Length > 0 && e.Kind switch
    {
        LearnerEventKind.Reflected or LearnerEventKind.KudosGiven or LearnerEventKind.KudosReceived or LearnerEventKind.SuggestionApproved => true,
        LearnerEventKind.Rated or LearnerEventKind.RatingChanged => e.Rating is >= 1 and <= 5,
        LearnerEventKind.ReactionReceived => !e.Anonymous,
        _ => false,
    };

    private async Task RecordLearnerAsync(string teamId, string learnerKey, LearnerEvent[] all, CancellationToken cancellationToken)
    {
        var parts = (await Task.WhenAll(books.Select(b => b.PrepareAsync(all, cancellationToken)))).OfType<TeamBookPart>().ToList();
        var events = all.Where(Counts).ToArray();
        var marked = all.Where(e => Counts(e) || parts.Any(p => p.EventIds.Contains(e.EventId))).DistinctBy(e => e.EventId).ToArray();
        if (marked.Length == 0)
        {
            return;
        }

        var ledgerRow = InsightsStore.LedgerRow(learnerKey);
        var read = events.DistinctBy(e => e.EventId).ToDictionary(e => e.EventId, Read, StringComparer.Ordinal);

        // The publisher indexed the learner in the team; when it added the row there, they have no ledger here yet.
        var indexed = marked.Any(e => e.TeamIndexing != TeamIndexing.NotWritten);
        var newInTeam = marked.All(e => e.TeamIndexing == TeamIndexing.Added);
        IReadOnlyList<RowChange> Build(IReadOnlySet<string> pending)
        {
            var todo = events.Where(e => pending.Contains(e.EventId)).DistinctBy(e => e.EventId).ToList();
            var changes = new List<RowChange>();
            if (todo.Count > 0)
            {
                changes.Add(new(ledgerRow, row =>
                {
                    var ledger = LearnerLedger.FromRow(row);
                    ledger.LearnerKey = learnerKey;
                    foreach (var e in todo)
                    {
                        Apply(ledger, e, read[e.EventId]);
                    }

                    return ledger.ToRow();
                })
                { LikelyNew = newInTeam, LearnersRow = true });
            }

            foreach (var part in parts)
            {
                var theirs = pending.Where(part.EventIds.Contains).ToHashSet(StringComparer.Ordinal);
                if (theirs.Count > 0)
                {
                    changes.AddRange(part.Build(theirs));
                }
            }

            foreach (var row in todo.SelectMany(e => read[e.EventId]?.Shares ?? []).GroupBy(s => s.RowKey, StringComparer.Ordinal))
            {
                var shares = row.ToList();
                changes.Add(new RowChange(row.Key, current => TermCounts.Add(current, shares)) { LikelyNew = true });
            }

            // The card each was on, noted in its posting week: an upsert, so no ETag to meet.
            foreach (var card in todo.Select(CardOf).OfType<PostNote>().DistinctBy(c => c.RowKey))
            {
                changes.Add(new RowChange(card.RowKey, _ => new TableEntity
                {
                    ["ChannelId"] = card.ChannelId,
                    ["Item"] = card.Item,
                    ["PostedAt"] = card.PostedAt,
                })
                { Upsert = true });
            }

            return changes;
        }

        // One commit at a time per team and shard in this instance: the rows a commit changes are
        // its learner's ledger and the term rows of its learner's shard, so commits that could meet
        // on a row wait for each other instead of failing on its ETag and reading it again.
        using var held = await locks.AcquireAsync(teamId + "\n" + TermRows.ShardOf(learnerKey).ToString(CultureInfo.InvariantCulture), cancellationToken);
        var count = await store.CommitAsync(
            teamId,
            [.. marked.Select(e => (e.EventId, e.At))],
            Build,
            indexed ? null : () => index.AddTeamAsync(learnerKey, teamId, cancellationToken),
            cancellationToken);
        if (count < marked.Length)
        {
            LogRepeated(logger, marked.Length - count);
        }

        if (count > 0)
        {
            foreach (var part in parts.Where(p => p.Counted is not null))
            {
                await part.Counted!(cancellationToken);
            }
        }
    }

    /// <summary>What a reflection's text gives insights: its terms per term row, and the signals it reads as.</summary>
    private static ReadText? Read(LearnerEvent e)
    {
        if (e.Kind != LearnerEventKind.Reflected || string.IsNullOrWhiteSpace(e.Text) || RefOf(e) is not { } reference)
        {
            return null;
        }

        var terms = TermExtractor.Extract(e.Text);
        var week = InsightsWeeks.Of(e.At);
        var scope = TermRows.Scope(reference.ChannelId, IsPrivate(e.ChannelType));
        var shard = TermRows.ShardOf(e.LearnerKey);
        var shares = terms.Count == 0
            ? []
            : e.Tags.Select(TermRows.TagKey).Prepend(TermRows.All).Distinct(StringComparer.Ordinal)
                .Select(tag => new TermShare(TermRows.Key(scope, tag, week, shard), week, terms, reference))
                .ToList();
        return new ReadText(reference, shares, SignalClassifier.Classify(e.Text));
    }

    private static ReflectionRef? RefOf(LearnerEvent e) =>
        e.SourceId is { Length: > 0 } source
        && e.Place?.ConversationId is { } thread
        && ThreadIds.ChannelOf(thread) is { } channel
        && ThreadIds.RootMessageOf(thread) is { } root
            ? new ReflectionRef(channel, root, source)
            : null;

    private static void Apply(LearnerLedger ledger, LearnerEvent e, ReadText? text)
    {
        var week = InsightsWeeks.Of(e.At);
        var isPrivate = IsPrivate(e.ChannelType);
        var channel = e.ChannelId ?? string.Empty;
        if (!e.Anonymous && e.Learner?.Name is { Length: > 0 } name && e.Kind is not (LearnerEventKind.KudosGiven or LearnerEventKind.ReactionReceived))
        {
            ledger.Name = name;
        }

        switch (e.Kind)
        {
            case LearnerEventKind.Reflected:
                {
                    var entry = ledger.EntryFor(week, e.ItemNumber ?? 0, channel, isPrivate);
                    if (e.Anonymous)
                    {
                        entry.Anonymous++;
                    }
                    else
                    {
                        entry.Reflections++;
                        entry.Words += e.Words;
                    }

                    if (text is not null)
                    {
                        Note(ledger, entry, e, text);
                    }

                    break;
                }

            case LearnerEventKind.Rated:
                ledger.EntryFor(week, e.ItemNumber ?? 0, channel, isPrivate).Rating = e.Rating;
                break;
            case LearnerEventKind.RatingChanged:
                // One rating per person and card: the earlier one leaves its week, the new one counts in this week.
                foreach (var earlier in ledger.Entries.Where(x => x.Item == (e.ItemNumber ?? 0) && x.Channel == channel && x.Rating is not null))
                {
                    earlier.Rating = null;
                }

                ledger.EntryFor(week, e.ItemNumber ?? 0, channel, isPrivate).Rating = e.Rating;
                break;
            case LearnerEventKind.ReactionReceived:
                ledger.EntryFor(week, e.ItemNumber ?? 0, channel, isPrivate).Reactions += Math.Sign(e.Delta);
                break;
            case LearnerEventKind.KudosReceived:
                ledger.EntryFor(week, 0, string.Empty, false).KudosReceived += Math.Sign(e.Delta);
                break;
            case LearnerEventKind.KudosGiven:
                ledger.EntryFor(week, 0, string.Empty, false).KudosGiven += Math.Sign(e.Delta);
                break;
            case LearnerEventKind.SuggestionApproved:
                ledger.EntryFor(week, e.ItemNumber ?? 0, string.Empty, false).Suggestions++;
                break;
            default:
                break;
        }
    }

    /// <summary>The reflection's share of the term rows (so forget me can take exactly it back), its struggle, and the idea or signal it reads as.</summary>
    private static void Note(LearnerLedger ledger, LedgerEntry entry, LearnerEvent e, ReadText text)
    {
        foreach (var share in text.Shares)
        {
            var terms = ledger.Terms.TryGetValue(share.WeekKey, out var found) ? found : ledger.Terms[share.WeekKey] = new(StringComparer.Ordinal);
            foreach (var term in share.Terms)
            {
                terms[term] = terms.GetValueOrDefault(term) + 1;
            }

            var refs = ledger.Quotes.TryGetValue(share.WeekKey, out var listed) ? listed : ledger.Quotes[share.WeekKey] = [];
            refs.Add(text.Ref);
        }

        if (text.Signals.Is(SignalKinds.Struggle))
        {
            if (e.Anonymous)
            {
                entry.AnonymousStruggles++;
            }
            else
            {
                entry.Struggles++;
            }
        }

        var kind = text.Signals.Is(SignalKinds.Idea) ? SignalKinds.Idea : text.Signals.Is(SignalKinds.Market) ? SignalKinds.Market : SignalKinds.None;
        if (kind != SignalKinds.None)
        {
            ledger.Ideas.Add(new LedgerIdea
            {
                Week = entry.Week,
                Item = entry.Item,
                Channel = entry.Channel,
                Private = entry.Private,
                Kind = kind == SignalKinds.Idea ? LedgerIdea.IdeaKind : LedgerIdea.SignalKind,
                Rule = text.Signals.Matches.First(m => m.Kind == kind).Rule,
                Ref = text.Ref,
            });
        }
    }

    private static PostNote? CardOf(LearnerEvent e) =>
        e.Kind is LearnerEventKind.Reflected or LearnerEventKind.Rated
        && e.PostedAt is { } postedAt
        && e.ItemNumber is { } item
        && e.Place?.ConversationId is { } thread
        && ThreadIds.ChannelOf(thread) is { } channel
        && ThreadIds.RootMessageOf(thread) is { } root
            ? new PostNote(InsightsStore.PostRow(InsightsWeeks.Of(postedAt), channel, root), channel, item, postedAt)
            : null;

    private sealed record ReadText(ReflectionRef Ref, IReadOnlyList<TermShare> Shares, SignalResult Signals);

    private sealed record PostNote(string RowKey, string ChannelId, int Item, DateTimeOffset PostedAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} event(s) counted in insights before; ignored")]
    private static partial void LogRepeated(ILogger logger, int count);

    private sealed class CommitLocks(StorageHealth health) : PartitionLocks(health);
}
