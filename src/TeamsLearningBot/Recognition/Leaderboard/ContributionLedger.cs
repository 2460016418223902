using System.Collections.Concurrent;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Events;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// The leaderboard's book (an <see cref="ITeamPartitionBook"/>): counts each named event once, as
/// points on the learner's day in the team's local calendar, and keeps what the weekly post tells
/// (named badges, kudos given, cards rated), in the team's partition of table <c>Insights</c>, in the
/// transaction that counts the learner's events for insights, under the same marker per event.
/// Anonymous events never move the leaderboard and leave no trace of the learner; an anonymous
/// rating only notes that the card was rated.
/// </summary>
public sealed class ContributionLedger(
    ContributionStore store,
    TeamStore teams,
    WeeklyPlanner planner,
    TimeProvider time) : ITeamPartitionBook
{
    // A team's zone, and whether its weekly post is planned, change rarely: each instance looks again after this.
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, KnownTeam> known = new(StringComparer.Ordinal);

    /// <summary>
    /// The rows a learner's events change: one day row per day (its points added to what stands),
    /// a weekly-post row per fact. A badge counted in table <c>Contributions</c> before the
    /// leaderboard counted beside insights is left out (a point read of its old marker; insights
    /// kept no marker of a badge).
    /// </summary>
    public async Task<TeamBookPart?> PrepareAsync(IReadOnlyList<LearnerEvent> learnerEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvents);
        var facts = new List<ContributionFact>(learnerEvents.Count);
        var notes = new List<(string EventId, WeekFactEntity Row)>();
        foreach (var learnerEvent in learnerEvents)
        {
            var (fact, note) = await FactOfAsync(learnerEvent, cancellationToken);
            if (fact is not null && !(learnerEvent.Kind == LearnerEventKind.BadgeAwarded && await store.CountedBeforeAsync(fact.TeamId, fact.EventId, cancellationToken)))
            {
                facts.Add(fact);
            }

            if (note is not null)
            {
                notes.Add((learnerEvent.EventId, note));
            }
        }

        if (facts.Count == 0 && notes.Count == 0)
        {
            return null;
        }

        var teamId = learnerEvents[0].TeamId;
        var ids = facts.Select(f => f.EventId).Concat(notes.Select(n => n.EventId)).ToHashSet(StringComparer.Ordinal);

        // The publisher added the learner's team row: they have no day row in the team to read.
        var newInTeam = facts.Count > 0 && facts.All(f => f.TeamIndexing == TeamIndexing.Added);
        IReadOnlyList<RowChange> Build(IReadOnlySet<string> pending)
        {
            var todo = facts.Where(f => pending.Contains(f.EventId)).ToList();
            var changes = new List<RowChange>();
            foreach (var day in todo.Where(f => f.Points != 0).GroupBy(f => f.Day))
            {
                var points = day.Sum(f => f.Points);
                var name = day.Select(f => f.Name).LastOrDefault(n => n is not null);
                var first = day.First();
                changes.Add(new RowChange(ContributionStore.DayRow(first.LearnerKey, day.Key), row => DayTotalEntity.Add(row, first.LearnerKey, day.Key, points, name)) { LikelyNew = newInTeam, LearnersRow = true });
            }

            foreach (var fact in todo.Where(f => f.WeekFact is not null))
            {
                // A rated card is one row per card and day, whoever rated it: an upsert, idempotent by itself.
                var rated = fact.WeekFactPrefix == WeekFactEntity.RatedPrefix;
                changes.Add(new RowChange(ContributionStore.WeekFactRow(fact), _ => WeekFactEntity.ToRow(fact.WeekFact!))
                {
                    Upsert = rated,
                    LikelyNew = !rated,
                    LearnersRow = fact.WeekFact!.LearnerKey is not null,
                });
            }

            foreach (var (_, note) in notes.Where(n => pending.Contains(n.EventId)))
            {
                changes.Add(new RowChange(note.RowKey, _ => WeekFactEntity.ToRow(note)) { Upsert = true });
            }

            return [.. changes.DistinctBy(c => c.RowKey, StringComparer.Ordinal)];
        }

        return new TeamBookPart(ids, Build, facts.Count == 0 ? null : ct => CountedAsync(teamId, ct));
    }

    /// <summary>After the team's first counted fact in a while, plans its weekly post (a team, not a group chat).</summary>
    private async Task CountedAsync(string teamId, CancellationToken cancellationToken)
    {
        var team = await KnownAsync(teamId, cancellationToken);
        if (team.IsTeam && !team.Planned)
        {
            await planner.EnsurePlannedAsync(teamId, team.Zone, cancellationToken);
            known[teamId] = team with { Planned = true };
        }
    }

    /// <summary>What a named event counts; an anonymous rating only notes the card as rated (a row with no one's name or key).</summary>
    private async Task<(ContributionFact? Fact, WeekFactEntity? Note)> FactOfAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        var team = await KnownAsync(learnerEvent.TeamId, cancellationToken);
        var day = WeeklySchedule.LocalDay(learnerEvent.At, team.Zone);
        var card = RatedCard(learnerEvent);
        if (learnerEvent.Anonymous)
        {
            return card is { } rated
                ? (null, new WeekFactEntity
                {
                    RowKey = ContributionStore.RatedRow(day, rated.ChannelId, rated.ActivityId),
                    ChannelId = rated.ChannelId,
                    ActivityId = rated.ActivityId,
                    At = learnerEvent.At,
                })
                : (null, null);
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
        return (contribution.Points == 0 && fact is null ? null : contribution, null);
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

}
