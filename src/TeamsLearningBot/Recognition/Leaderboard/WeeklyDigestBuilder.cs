using TeamsLearningBot.Content;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Gathers a team's week from the ledger: named badges earned, kudos given, the top contributors
/// (unless the leaderboard is off) and the most relevant item among the cards rated that week.
/// Each is one range of the team's partition; the rated cards are point reads.
/// </summary>
public sealed class WeeklyDigestBuilder(ContributionStore store, Standings standings, ReflectionStore reflections, ContentStore content)
{
    public const int TopContributors = 3;

    // Enough ratings that one enthusiast cannot make an item "the most relevant" alone.
    public const int MinRatings = 2;

    // A week rarely posts more cards than this; past it, the post reads the first ones only.
    private const int MaxCards = 100;

    public async Task<WeeklyDigest> BuildAsync(string teamId, DateOnly first, DateOnly last, bool rankContributors, CancellationToken cancellationToken)
    {
        var badges = await store.ListWeekFactsAsync(teamId, WeekFactEntity.BadgePrefix, first, last, cancellationToken);
        var kudos = await store.ListWeekFactsAsync(teamId, WeekFactEntity.KudosPrefix, first, last, cancellationToken);
        var top = rankContributors ? await standings.TopAsync(teamId, first, last, TopContributors, cancellationToken) : [];
        return new WeeklyDigest
        {
            First = first,
            Last = last,
            Badges = [.. badges.OrderBy(b => b.At).Select(b => new EarnedBadge(b.Name ?? Standings.Unnamed, b.BadgeId ?? string.Empty, b.Tier))],
            Kudos = kudos.Count,
            TopContributors = top,
            MostRelevant = await MostRelevantAsync(teamId, first, last, cancellationToken),
        };
    }

    private async Task<MostRelevant?> MostRelevantAsync(string teamId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var rated = await store.ListWeekFactsAsync(teamId, WeekFactEntity.RatedPrefix, first, last, cancellationToken);
        var cards = rated
            .Where(r => r.ChannelId is not null && r.ActivityId is not null)
            .Select(r => new PostKey(r.ChannelId!, r.ActivityId!))
            .Distinct()
            .Take(MaxCards);
        var items = new Dictionary<int, (int Ratings, int Sum)>();
        foreach (var card in cards)
        {
            var post = await reflections.GetPostAsync(card, cancellationToken);
            if (post is null || post.TeamId != teamId || post.Ratings == 0)
            {
                continue;
            }

            var (ratings, sum) = items.GetValueOrDefault(post.ContentNumber);
            items[post.ContentNumber] = (ratings + post.Ratings, sum + post.RatingSum);
        }

        foreach (var (number, totals) in items.Where(i => i.Value.Ratings >= MinRatings).OrderByDescending(i => (double)i.Value.Sum / i.Value.Ratings).ThenByDescending(i => i.Value.Ratings))
        {
            if (await content.GetAsync(teamId, number, cancellationToken) is { Status: ContentStatus.Active } item)
            {
                return new MostRelevant(item.Id, item.Title, (double)totals.Sum / totals.Ratings, totals.Ratings);
            }
        }

        return null;
    }
}
