using System.Collections.Concurrent;
using TeamsLearningBot.Content;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Tab;

/// <summary>
/// Reads "My learning" for one person, keyed by the learner key of their token's tid + oid: only
/// rows under that key (badge partitions, their reflection index), plus the public experts lists.
/// Only what the page shows, read at once: the cards they last wrote on, and per team (a few
/// teams at a time) the badge rows and the experts of their tags.
/// </summary>
public sealed class MyLearningReader(
    LearnerKeys keys,
    BadgeCatalogue catalogue,
    BadgeLedger ledger,
    BadgeSettingsStore settings,
    BadgeLearnerStore learners,
    ReflectionIndex index,
    ReflectionStore reflections,
    ContentStore content,
    TeamStore teams,
    InsightsReports reports,
    TimeProvider time)
{
    public const int MaxReflections = 20;

    /// <summary>The cards read for the latest reflections: the person's most recently written first, a few more than are shown (a reflection may be gone).</summary>
    public const int MaxCards = MaxReflections + 4;
    public const int MaxTags = 3;
    public const int ExpertDays = 90;

    /// <summary>Teams read at the same time (each reads its badge rows and, for its tags, the team's ledgers).</summary>
    public const int TeamsAtOnce = 4;

    public async Task<MyLearning> ReadAsync(TabUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = keys.For(user.TenantId, user.ObjectId);
        var teamRows = new ConcurrentDictionary<string, Lazy<Task<TeamEntity?>>>(StringComparer.Ordinal);
        var items = new ConcurrentDictionary<(string, int), Lazy<Task<ContentItem?>>>();
        Task<TeamEntity?> TeamAsync(string teamId) => teamRows.GetOrAdd(teamId, id => new(() => teams.GetAsync(id, cancellationToken))).Value;
        Task<ContentItem?> ItemAsync(string teamId, int number) =>
            number > 0 ? items.GetOrAdd((teamId, number), k => new(() => content.GetAsync(k.Item1, k.Item2, cancellationToken))).Value : Task.FromResult<ContentItem?>(null);
        async Task<string> TeamNameAsync(string teamId) => await TeamAsync(teamId) is { } team ? team.Name ?? "Your team" : "A group chat";

        // The teams with badge rows are known before the reflections are read: their badges are read meanwhile.
        var badgeTeams = learners.ListTeamsAsync(key, cancellationToken);
        var reading = OwnReflectionsAsync(key, cancellationToken);
        using var gate = new SemaphoreSlim(TeamsAtOnce);
        var badges = new ConcurrentDictionary<string, Lazy<Task<TeamBadges>>>(StringComparer.Ordinal);
        Task<TeamBadges> BadgesAsync(string teamId) => badges.GetOrAdd(teamId, id => new(() => Gated(gate, () => ReadBadgesAsync(id, key, cancellationToken), cancellationToken))).Value;
        foreach (var teamId in await badgeTeams)
        {
            _ = BadgesAsync(teamId);
        }

        var rows = await reading;
        var own = (await Task.WhenAll(rows.Select(async r =>
        {
            var item = ItemAsync(r.TeamId, r.ContentNumber);
            var name = TeamNameAsync(r.TeamId);
            return new MyReflection(r.TeamId, await name, r.ContentNumber, (await item)?.Title ?? ContentIds.Format(r.ContentNumber), r.Text, r.Anonymous, r.CreatedAt);
        }))).ToList();

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var communities = (await badgeTeams).Union(own.Select(r => r.TeamId), StringComparer.Ordinal).ToList();
        var shown = await Task.WhenAll(communities.Select(async teamId =>
        {
            var team = BadgesAsync(teamId);
            var experts = Gated(gate, () => ExpertsAsync(teamId, own, user, TeamAsync(teamId), ItemAsync, InsightsPeriod.LastDays(today, ExpertDays), cancellationToken), cancellationToken);
            var earned = await team;
            return new MyTeam(teamId, await TeamNameAsync(teamId), [.. catalogue.All.Select(b => Badge(b, earned)).OfType<MyBadge>()], await experts);
        }));

        return new MyLearning(user.Name, shown, own);
    }

    /// <summary>The person's latest reflections: the cards they last wrote on (the index row's write time), read at once.</summary>
    private async Task<List<ReflectionEntity>> OwnReflectionsAsync(string key, CancellationToken cancellationToken)
    {
        var cards = (await index.ListLearnerAsync(key, cancellationToken)).OrderByDescending(c => c.Timestamp).Take(MaxCards).ToList();
        var read = await Task.WhenAll(cards.Select(card => reflections.ReadLearnerAsync(card.Post, key, cancellationToken)));
        return [.. read.SelectMany(r => r.Reflections).Where(r => string.Equals(r.LearnerKey, key, StringComparison.Ordinal)).OrderByDescending(r => r.CreatedAt).Take(MaxReflections)];
    }

    private async Task<TeamBadges> ReadBadgesAsync(string teamId, string key, CancellationToken cancellationToken)
    {
        var partition = BadgeLedger.Partition(teamId, key);
        var progress = ledger.GetProgressAsync(partition, cancellationToken);
        var awards = ledger.ListAwardsAsync(partition, cancellationToken);
        var teamSettings = settings.GetAsync(teamId, cancellationToken);
        return new TeamBadges(null, await teamSettings, await progress, await awards);
    }

    /// <summary>Who else stands out on the tags of the person's own reflections in the team (a group chat has none).</summary>
    private async Task<IReadOnlyList<TagExperts>> ExpertsAsync(
        string teamId,
        IReadOnlyList<MyReflection> own,
        TabUser user,
        Task<TeamEntity?> team,
        Func<string, int, Task<ContentItem?>> itemAsync,
        InsightsPeriod period,
        CancellationToken cancellationToken)
    {
        var mine = await Task.WhenAll(own.Where(r => r.TeamId == teamId).Select(r => itemAsync(teamId, r.Item)));
        var top = mine.SelectMany(i => i?.Tags.Select(t => t.ToLowerInvariant()) ?? [])
            .GroupBy(t => t, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxTags)
            .Select(g => g.Key)
            .ToList();
        if (top.Count == 0 || await team is null)
        {
            return [];
        }

        var experts = new List<TagExperts>();
        foreach (var report in await reports.ExpertsAsync(new InsightsScope(teamId), top, period, cancellationToken))
        {
            var others = report.Experts.Select(e => e.Name).Where(n => !string.Equals(n, user.Name, StringComparison.Ordinal)).ToList();
            if (others.Count > 0)
            {
                experts.Add(new TagExperts(report.Tag, others));
            }
        }

        return experts;
    }

    private static async Task<T> Gated<T>(SemaphoreSlim gate, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await read();
        }
        finally
        {
            gate.Release();
        }
    }

    private static MyBadge? Badge(BadgeDefinition badge, TeamBadges team)
    {
        if (MyBadgesCard.Line(badge, team) is not { } line)
        {
            return null;
        }

        var awards = team.Awards.Where(a => a.BadgeId == badge.Id).OrderBy(a => a.TierIndex).ToList();
        var enabled = team.Settings.IsEnabled(badge);
        var thresholds = team.Settings.ThresholdsOf(badge);
        var next = Math.Max(awards.Count == 0 ? 0 : awards[^1].TierIndex + 1, team.Progress?.TiersAwarded(badge) ?? 0);
        var open = enabled && next < thresholds.Count;
        return new MyBadge(
            badge.Id,
            badge.Name,
            badge.Emoji,
            badge.R.ToString(),
            enabled,
            [.. awards.Select(a => new EarnedTier(badge.TierLabel(Math.Min(a.TierIndex, badge.Tiers.Count - 1)), a.AwardedAt))],
            team.Progress?.Count(badge) ?? 0,
            open ? thresholds[next] : null,
            open ? badge.TierLabel(next) : null,
            line.Value);
    }
}

/// <summary>
/// The personal tab ("My learning"): the signed-in person's own badges and progress per team,
/// their latest reflections (their anonymous ones too: they are theirs), and people they could
/// ask about the tags they reflect on. Nothing else about anyone else.
/// </summary>
public sealed record MyLearning(string? Name, IReadOnlyList<MyTeam> Teams, IReadOnlyList<MyReflection> Reflections);

/// <summary>One team (or group chat) the person has badges or progress in.</summary>
public sealed record MyTeam(string TeamId, string TeamName, IReadOnlyList<MyBadge> Badges, IReadOnlyList<TagExperts> Experts);

/// <summary>
/// A badge as <c>my badges</c> shows it: the tiers earned, and the count toward the next tier
/// (<see cref="NextThreshold"/> null when every tier is earned or the badge is off). <see cref="Line"/> is the card's wording.
/// </summary>
public sealed record MyBadge(string Id, string Name, string Emoji, string R, bool Enabled, IReadOnlyList<EarnedTier> Earned, int Count, int? NextThreshold, string? NextTier, string Line);

public sealed record EarnedTier(string Tier, DateTimeOffset AwardedAt);

/// <summary>People whose named contributions on a tag stand out (those who asked to be hidden are left out).</summary>
public sealed record TagExperts(string Tag, IReadOnlyList<string> Names);

/// <summary>One of the person's own reflections.</summary>
public sealed record MyReflection(string TeamId, string TeamName, int Item, string ItemTitle, string Text, bool Anonymous, DateTimeOffset At);
