using Azure.Data.Tables;
using TeamsLearningBot.Events;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Insights;

/// <summary>
/// The insights <see cref="ILearnerEventSink"/>: counts each event once into the learner's ledger
/// row in the team's partition, and the note of the card it was on, all in one transaction with the events' markers. Only the
/// learner's own row carries an ETag that other learners' events never touch: many people rating
/// or reflecting on one item at once do not queue for one row (the term rows are sharded).
/// </summary>
public sealed partial class InsightsSink(InsightsStore store, ILogger<InsightsSink> logger) : ILearnerEventSink
{
    private const int MaxEventsPerTransaction = 40;

    public Task RecordAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        return RecordAsync([learnerEvent], cancellationToken);
    }

    public async Task RecordAsync(IReadOnlyList<LearnerEvent> learnerEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvents);
        var counted = learnerEvents.Where(Counts).GroupBy(e => (e.TeamId, e.LearnerKey));
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
        LearnerEventKind.Rated => e.Rating is >= 1 and <= 5,
        LearnerEventKind.ReactionReceived => !e.Anonymous,
        _ => false,
    };

    private async Task RecordLearnerAsync(string teamId, string learnerKey, LearnerEvent[] events, CancellationToken cancellationToken)
    {
        var ledgerRow = InsightsStore.LedgerRow(learnerKey);
        IReadOnlyList<RowChange> Build(IReadOnlySet<string> pending)
        {
            var todo = events.Where(e => pending.Contains(e.EventId)).ToList();
            var changes = new List<RowChange>
            {
                new(ledgerRow, row =>
                {
                    var ledger = LearnerLedger.FromRow(row);
                    ledger.LearnerKey = learnerKey;
                    foreach (var e in todo)
                    {
                        Apply(ledger, e);
                    }

                    return ledger.ToRow();
                }),
            };

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

        var count = await store.CommitAsync(
            teamId,
            [.. events.Select(e => (e.EventId, e.At))],
            Build,
            () => store.IndexLearnerAsync(learnerKey, teamId, cancellationToken),
            cancellationToken);
        if (count < events.Length)
        {
            LogRepeated(logger, events.Length - count);
        }
    }

    private static void Apply(LearnerLedger ledger, LearnerEvent e)
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

                    break;
                }

            case LearnerEventKind.Rated:
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

    private static PostNote? CardOf(LearnerEvent e) =>
        e.Kind is LearnerEventKind.Reflected or LearnerEventKind.Rated
        && e.PostedAt is { } postedAt
        && e.ItemNumber is { } item
        && e.Place?.ConversationId is { } thread
        && ThreadIds.ChannelOf(thread) is { } channel
        && ThreadIds.RootMessageOf(thread) is { } root
            ? new PostNote(InsightsStore.PostRow(InsightsWeeks.Of(postedAt), channel, root), channel, item, postedAt)
            : null;

    private sealed record PostNote(string RowKey, string ChannelId, int Item, DateTimeOffset PostedAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} event(s) counted in insights before; ignored")]
    private static partial void LogRepeated(ILogger logger, int count);
}
