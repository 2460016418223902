using System.Collections.Concurrent;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Events;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// The leaderboard's <see cref="ILearnerEventSink"/>: counts each named event once, as points on the
/// learner's day in the team's local calendar, and keeps what the weekly post tells (named badges,
/// kudos given, cards rated). Anonymous events never move the leaderboard and leave no trace of
/// the learner; an anonymous rating only notes that the card was rated.
/// </summary>
public sealed partial class ContributionLedger(
    ContributionStore store,
    TeamStore teams,
    WeeklyPlanner planner,
    TimeProvider time,
    ILogger<ContributionLedger> logger) : ILearnerEventSink
{
    // A team's zone, and whether its weekly post is planned, change rarely: each instance looks again after this.
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(10);
    private const int MaxFactsPerTransaction = 40;
    private readonly ConcurrentDictionary<string, KnownTeam> known = new(StringComparer.Ordinal);

    public Task RecordAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        return RecordAsync([learnerEvent], cancellationToken);
    }

    /// <summary>Counts a learner's events of one day in one team together: one read and one transaction.</summary>
    public async Task RecordAsync(IReadOnlyList<LearnerEvent> learnerEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvents);
        var facts = new List<ContributionFact>(learnerEvents.Count);
        foreach (var learnerEvent in learnerEvents)
        {
            if (await FactOfAsync(learnerEvent, cancellationToken) is { } fact)
            {
                facts.Add(fact);
            }
        }

        // A transaction holds at most 100 rows: each fact is a marker and perhaps a weekly-post row.
        foreach (var together in facts.GroupBy(f => (f.TeamId, f.LearnerKey, f.Day)).SelectMany(g => g.Chunk(MaxFactsPerTransaction).Select(c => (g.Key, Facts: c))))
        {
            var batch = together.Facts;
            var counted = await store.RecordAsync(batch, cancellationToken);
            if (counted < batch.Length)
            {
                LogRepeated(logger, batch.Length - counted);
            }

            var team = await KnownAsync(together.Key.TeamId, cancellationToken);
            if (counted > 0 && team.IsTeam && !team.Planned)
            {
                await planner.EnsurePlannedAsync(together.Key.TeamId, team.Zone, cancellationToken);
                known[together.Key.TeamId] = team with { Planned = true };
            }
        }
    }

    /// <summary>What a named event counts; an anonymous rating only notes the card as rated, here and now.</summary>
    private async Task<ContributionFact?> FactOfAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        var team = await KnownAsync(learnerEvent.TeamId, cancellationToken);
        var day = WeeklySchedule.LocalDay(learnerEvent.At, team.Zone);
        var card = RatedCard(learnerEvent);
        if (learnerEvent.Anonymous)
        {
            if (card is { } rated)
            {
                await store.NoteRatedAsync(learnerEvent.TeamId, day, rated.ChannelId, rated.ActivityId, learnerEvent.At, cancellationToken);
            }

            return null;
        }

        var (prefix, fact) = WeekFact(learnerEvent, card);
        var contribution = new ContributionFact
        {
            TeamId = learnerEvent.TeamId,
            EventId = learnerEvent.EventId,
            LearnerKey = learnerEvent.LearnerKey,
            Name = learnerEvent.Learner?.Name,
            Day = day,
            At = learnerEvent.At,
            Points = ContributionWeights.PointsOf(learnerEvent),
            WeekFact = fact,
            WeekFactPrefix = prefix,
            TeamIndexing = learnerEvent.TeamIndexing,
        };
        return contribution.Points == 0 && fact is null ? null : contribution;
    }

    /// <summary>The team's zone, and whether it is an installed team (a group chat gets no weekly post).</summary>
    private async Task<KnownTeam> KnownAsync(string teamId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (known.TryGetValue(teamId, out var seen) && seen.Until > now)
        {
            return seen;
        }

        var team = await teams.GetAsync(teamId, cancellationToken);
        var fresh = new KnownTeam(TimeZones.FindOrUtc(team?.TimeZone), team is { IsActive: true }, Planned: false, now + Remember);
        known[teamId] = fresh;
        return fresh;
    }

    private static (string ChannelId, string ActivityId)? RatedCard(LearnerEvent learnerEvent) =>
        learnerEvent.Kind == LearnerEventKind.Rated
        && learnerEvent.Place?.ConversationId is { } conversation
        && ThreadIds.ChannelOf(conversation) is { } channel
        && ThreadIds.RootMessageOf(conversation) is { } root
            ? (channel, root)
            : null;

    private static (string? Prefix, WeekFactEntity? Fact) WeekFact(LearnerEvent learnerEvent, (string ChannelId, string ActivityId)? card) => learnerEvent.Kind switch
    {
        LearnerEventKind.BadgeAwarded when learnerEvent.BadgeId is not null && learnerEvent.Delta > 0 => (WeekFactEntity.BadgePrefix, new WeekFactEntity
        {
            LearnerKey = learnerEvent.LearnerKey,
            Name = learnerEvent.Learner?.Name,
            BadgeId = learnerEvent.BadgeId,
            Tier = learnerEvent.Tier,
            At = learnerEvent.At,
        }),
        LearnerEventKind.KudosGiven when learnerEvent.Delta > 0 => (WeekFactEntity.KudosPrefix, new WeekFactEntity { At = learnerEvent.At }),
        LearnerEventKind.Rated when card is { } rated => (WeekFactEntity.RatedPrefix, new WeekFactEntity { ChannelId = rated.ChannelId, ActivityId = rated.ActivityId, At = learnerEvent.At }),
        _ => (null, null),
    };

    private sealed record KnownTeam(TimeZoneInfo Zone, bool IsTeam, bool Planned, DateTimeOffset Until);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} event(s) counted before; ignored")]
    private static partial void LogRepeated(ILogger logger, int count);
}
