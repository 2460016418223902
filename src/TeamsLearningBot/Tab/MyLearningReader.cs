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
    public const int MaxCards = 50;
    public const int MaxReflections = 20;
    public const int MaxTags = 3;
    public const int ExpertDays = 90;

    public async Task<MyLearning> ReadAsync(TabUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = keys.For(user.TenantId, user.ObjectId);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = new Dictionary<(string, int), ContentItem?>();

        async Task<string> TeamNameAsync(string teamId)
        {
            if (!names.TryGetValue(teamId, out var name))
            {
                var team = await teams.GetAsync(teamId, cancellationToken);
                names[teamId] = name = team is null ? "A group chat" : team.Name ?? "Your team";
            }

            return name;
        }

        async Task<ContentItem?> ItemAsync(string teamId, int number)
        {
            if (!items.TryGetValue((teamId, number), out var item))
            {
                items[(teamId, number)] = item = number > 0 ? await content.GetAsync(teamId, number, cancellationToken) : null;
            }

            return item;
        }

        var own = new List<MyReflection>();
        var cards = (await index.ListLearnerAsync(key, cancellationToken)).Take(MaxCards).ToList();
        foreach (var (_, rows, _) in await Task.WhenAll(cards.Select(card => reflections.ReadLearnerAsync(card.Post, key, cancellationToken))))
        {
            foreach (var r in rows.Where(r => string.Equals(r.LearnerKey, key, StringComparison.Ordinal)))
            {
                var item = await ItemAsync(r.TeamId, r.ContentNumber);
                own.Add(new MyReflection(r.TeamId, await TeamNameAsync(r.TeamId), r.ContentNumber, item?.Title ?? ContentIds.Format(r.ContentNumber), r.Text, r.Anonymous, r.CreatedAt));
            }
        }

        own = [.. own.OrderByDescending(r => r.At).Take(MaxReflections)];
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var shown = new List<MyTeam>();
        var communities = (await learners.ListTeamsAsync(key, cancellationToken)).Union(own.Select(r => r.TeamId), StringComparer.Ordinal);
        foreach (var teamId in communities)
        {
            var partition = BadgeLedger.Partition(teamId, key);
            var progress = await ledger.GetProgressAsync(partition, cancellationToken);
            var awards = await ledger.ListAwardsAsync(partition, cancellationToken);
            var badges = new TeamBadges(null, await settings.GetAsync(teamId, cancellationToken), progress, awards);
            var tags = new List<string>();
            foreach (var r in own.Where(r => r.TeamId == teamId))
            {
                tags.AddRange((await ItemAsync(teamId, r.Item))?.Tags.Select(t => t.ToLowerInvariant()) ?? []);
            }

            var experts = new List<TagExperts>();
            if (await teams.GetAsync(teamId, cancellationToken) is not null)
            {
                var top = tags.GroupBy(t => t, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(MaxTags).Select(g => g.Key).ToList();
                foreach (var report in await reports.ExpertsAsync(new InsightsScope(teamId), top, InsightsPeriod.LastDays(today, ExpertDays), cancellationToken))
                {
                    var tag = report.Tag;
                    var others = report.Experts.Select(e => e.Name).Where(n => !string.Equals(n, user.Name, StringComparison.Ordinal)).ToList();
                    if (others.Count > 0)
                    {
                        experts.Add(new TagExperts(tag, others));
                    }
                }
            }

            shown.Add(new MyTeam(teamId, await TeamNameAsync(teamId), [.. catalogue.All.Select(b => Badge(b, badges)).OfType<MyBadge>()], experts));
        }

        return new MyLearning(user.Name, shown, own);
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
