using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Insights;

/// <summary>
/// The query side of insights, for the bot's cards and for any other view: builds typed reports
/// from the aggregates alone. A report reads the team's ledger rows (one per learner), the post
/// notes and term rows of the weeks it covers and the team's library: never reflections in bulk,
/// so its cost does not grow with the number of reflections (quotes are a few point reads).
/// </summary>
public sealed partial class InsightsReports(InsightsStore store, ContentStore content, BusinessInsights business, IOptions<InsightsOptions> options)
{
    /// <summary>The weight of the neutral prior in an item's score: an item needs about this many ratings to move far from it.</summary>
    public const double PriorWeight = 5;

    /// <summary>The prior an item starts from: the middle of the 1–5 scale, so one 5★ (or one 1★) proves little.</summary>
    public const double NeutralPrior = 3;
    public const int MaxExperts = 10;

    private int Floor => Math.Max(3, options.Value.MinGroupSize);

    /// <summary>The insights of <paramref name="scope"/>; <paramref name="roster"/> holds the learner keys of its members (null when unknown: then those who contributed).</summary>
    public Task<InsightsReport> BuildAsync(InsightsScope scope, InsightsRequest request, IReadOnlyCollection<string>? roster, CancellationToken cancellationToken) =>
        BuildAsync(scope, request, Task.FromResult(roster), cancellationToken);

    /// <summary>
    /// The insights of <paramref name="scope"/>, reading the aggregates while <paramref name="roster"/>
    /// (the members' learner keys, null when unknown) is still being listed: it is awaited only for
    /// the participation tiers.
    /// </summary>
    public async Task<InsightsReport> BuildAsync(InsightsScope scope, InsightsRequest request, Task<IReadOnlyCollection<string>?> roster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(roster);
        var period = request.Period;

        // Term rows are kept per scope and tag, not per item: an item's insights read none.
        var termRows = request.Item is null ? business.ReadTermRows(scope, request.Tag, period, cancellationToken) : null;
        var loading = ReadAsync(scope, period.Previous.FirstWeek, period.LastWeek, period, cancellationToken);
        await Task.WhenAll(termRows is null ? [loading] : new Task[] { loading, termRows.Current, termRows.Previous });
        return await BuildAsync(scope, request, await loading, termRows, roster, cancellationToken);
    }

    /// <summary>
    /// The tab's insights from one read of the ledgers and posts: the request's report, the
    /// participation of the two periods before it (for the tiers over time), the reflections per
    /// week, and the experts of the report's best <paramref name="expertTags"/> tags (or of the tag asked for).
    /// </summary>
    public async Task<InsightsOverview> OverviewAsync(InsightsScope scope, InsightsRequest request, IReadOnlyCollection<string>? roster, int expertTags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        var period = request.Period;
        var earlier = period.Previous.Previous;
        var termRows = request.Item is null ? business.ReadTermRows(scope, request.Tag, period, cancellationToken) : null;
        var loading = ReadAsync(scope, earlier.Previous.FirstWeek, period.LastWeek, period, cancellationToken);
        await Task.WhenAll(termRows is null ? [loading] : new Task[] { loading, termRows.Current, termRows.Previous });
        var data = await loading;
        var report = await BuildAsync(scope, request, data, termRows, Task.FromResult(roster), cancellationToken);
        var filter = Filter(data, request.Tag, request.Item);
        var before = Participation(data, scope, earlier, earlier.Previous, filter, roster);
        var tags = request.Tag is { } only ? [only.ToLowerInvariant()] : report.Relevance.Tags.Take(expertTags).Select(t => t.Tag).ToList();
        var hidden = new HiddenFlags(store, cancellationToken);
        var experts = await Task.WhenAll(tags.Select(t => ExpertsAsync(data, scope, t, period, hidden, cancellationToken)));
        return new InsightsOverview(report, before, ReflectionsPerWeek(data, scope, request, filter), experts);
    }

    /// <summary>Who stands out on <paramref name="tag"/> (named contributions only, leaving out whoever asked to be hidden), and who might need support.</summary>
    public async Task<ExpertsReport> ExpertsAsync(InsightsScope scope, string tag, InsightsPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        ArgumentNullException.ThrowIfNull(period);
        return await ExpertsAsync(await ReadAsync(scope, period.FirstWeek, period.LastWeek, null, cancellationToken), scope, tag, period, new HiddenFlags(store, cancellationToken), cancellationToken);
    }

    /// <summary>As <see cref="ExpertsAsync(InsightsScope, string, InsightsPeriod, CancellationToken)"/> for several tags, from one read of the ledgers.</summary>
    public async Task<IReadOnlyList<ExpertsReport>> ExpertsAsync(InsightsScope scope, IReadOnlyList<string> tags, InsightsPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(period);
        if (tags.Count == 0)
        {
            return [];
        }

        var data = await ReadAsync(scope, period.FirstWeek, period.LastWeek, null, cancellationToken);
        var hidden = new HiddenFlags(store, cancellationToken);
        return await Task.WhenAll(tags.Select(t => ExpertsAsync(data, scope, t, period, hidden, cancellationToken)));
    }

    private async Task<InsightsReport> BuildAsync(InsightsScope scope, InsightsRequest request, ReportData data, TermRowsRead? termRows, Task<IReadOnlyCollection<string>?> roster, CancellationToken cancellationToken)
    {
        var period = request.Period;
        var filter = Filter(data, request.Tag, request.Item);
        var said = business.BuildAsync(scope, data.Ledgers, termRows, period, filter, cancellationToken);
        var relevance = Relevance(data, scope, period, filter);
        var participation = Participation(data, scope, period, period.Previous, filter, await roster);
        return new InsightsReport(scope.TeamId, scope.PrivateChannelId, request.Tag, request.Item, period.From, period.To, Floor, participation, relevance, await said);
    }

    private async Task<ExpertsReport> ExpertsAsync(ReportData data, InsightsScope scope, string tag, InsightsPeriod period, HiddenFlags hidden, CancellationToken cancellationToken)
    {
        var filter = Filter(data, tag, null);
        var candidates = new List<(LearnerLedger Ledger, Expert Expert)>();
        var low = new HashSet<string>(StringComparer.Ordinal);
        var struggling = new HashSet<string>(StringComparer.Ordinal);
        var named = new List<string>();
        foreach (var ledger in data.Ledgers)
        {
            var entries = InPeriod(ledger, data, scope, period, filter).ToList();
            if (entries.Count == 0)
            {
                continue;
            }

            if (entries.Any(e => e.Rating is <= 2))
            {
                low.Add(ledger.LearnerKey);
            }

            if (entries.Any(e => e.Struggles + e.AnonymousStruggles > 0))
            {
                struggling.Add(ledger.LearnerKey);
            }

            if (entries.Any(e => e.Struggles > 0) && ledger.Name is { } struggler)
            {
                named.Add(struggler);
            }

            var reflections = entries.Sum(e => e.Reflections);
            var words = entries.Sum(e => e.Words);
            var reactions = Math.Max(0, entries.Sum(e => e.Reactions));
            var suggestions = entries.Sum(e => e.Suggestions);

            // Kudos are not about an item: what the person received in the period, counted with their tag work.
            var kudos = reflections + suggestions > 0
                ? Math.Max(0, ledger.Entries.Where(e => e.Item == 0 && e.Week >= period.FirstWeek && e.Week <= period.LastWeek).Sum(e => e.KudosReceived))
                : 0;
            if (ledger.Name is null || reflections + suggestions == 0)
            {
                continue;
            }

            var score = (3.0 * reflections) + reactions + (2.0 * kudos) + (5.0 * suggestions) + Math.Min(words / 50.0, 2.0 * reflections);
            candidates.Add((ledger, new Expert(ledger.Name, reflections, words, reactions, kudos, suggestions, score)));
        }

        // Hidden flags are point reads: asked for in rank order, only as far down as the list needs.
        var ranked = candidates.OrderByDescending(c => c.Expert.Score).ThenBy(c => c.Expert.Name, StringComparer.CurrentCulture).ToList();
        var experts = new List<Expert>(MaxExperts);
        for (var next = 0; next < ranked.Count && experts.Count < MaxExperts;)
        {
            var chunk = ranked.Skip(next).Take(MaxExperts - experts.Count + 2).ToList();
            next += chunk.Count;
            var hiddenAmong = await hidden.AmongAsync(chunk.Select(c => c.Ledger.LearnerKey));
            experts.AddRange(chunk.Where(c => !hiddenAmong.Contains(c.Ledger.LearnerKey)).Select(c => c.Expert).Take(MaxExperts - experts.Count));
        }
        var support = new SupportFigure(
            GroupFigure.Of(low.Count, low.Count, Floor),
            GroupFigure.Of(struggling.Count, struggling.Count, Floor),
            [.. named.Distinct(StringComparer.CurrentCulture).Order(StringComparer.CurrentCulture)]);
        return new ExpertsReport(scope.TeamId, scope.PrivateChannelId, tag, period.From, period.To, experts, support);
    }

    internal static IEnumerable<LedgerEntry> InPeriod(LearnerLedger ledger, ReportData data, InsightsScope scope, InsightsPeriod period, Func<int, bool> filter) =>
        ledger.Entries.Where(e => e.Week >= period.FirstWeek && e.Week <= period.LastWeek && InScope(e, data, scope) && filter(e.Item));

    private static bool InScope(LedgerEntry e, ReportData data, InsightsScope scope) =>
        scope.Includes(e.Channel, e.Private || data.PrivateChannels.Contains(e.Channel));

    /// <summary>Which items count: the one asked for, the items with the tag, or all (0, no item: only when neither is asked).</summary>
    private static Func<int, bool> Filter(ReportData data, string? tag, int? item)
    {
        if (item is { } only)
        {
            return i => i == only;
        }

        if (tag is null)
        {
            return _ => true;
        }

        var tagged = data.Items.Values.Where(i => i.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)).Select(i => i.Number).ToHashSet();
        return tagged.Contains;
    }

    private ParticipationReport Participation(ReportData data, InsightsScope scope, InsightsPeriod period, InsightsPeriod previous, Func<int, bool> filter, IReadOnlyCollection<string>? roster)
    {
        // Without the roster: those who contributed in the period or the one before (whatever other weeks were read).
        var members = roster?.ToHashSet(StringComparer.Ordinal)
            ?? data.Ledgers.Where(l => l.Entries.Any(e => e.Contributed && e.Week >= previous.FirstWeek && e.Week <= period.LastWeek && InScope(e, data, scope))).Select(l => l.LearnerKey).ToHashSet(StringComparer.Ordinal);
        var byKey = data.Ledgers.ToDictionary(l => l.LearnerKey, StringComparer.Ordinal);
        (int Regular, int Occasional, int DropWeeks, int Needed) Count(InsightsPeriod p)
        {
            var dropWeeks = data.Posts
                .Where(post => post.Week >= p.FirstWeek && post.Week <= p.LastWeek && scope.Includes(post.ChannelId, data.PrivateChannels.Contains(post.ChannelId)) && filter(post.Item))
                .Select(post => post.Week)
                .Distinct()
                .Count();
            var needed = Math.Max(2, (dropWeeks + 1) / 2);
            int regular = 0, occasional = 0;
            foreach (var member in members)
            {
                if (!byKey.TryGetValue(member, out var ledger))
                {
                    continue;
                }

                var weeks = InPeriod(ledger, data, scope, p, filter).Where(e => e.Contributed).Select(e => e.Week).Distinct().Count();
                if (weeks >= needed)
                {
                    regular++;
                }
                else if (weeks > 0)
                {
                    occasional++;
                }
            }

            return (regular, occasional, dropWeeks, needed);
        }

        var now = Count(period);
        var before = Count(previous);
        var total = members.Count;
        var tiersNow = GroupFigure.OfParts([now.Regular, now.Occasional, total - now.Regular - now.Occasional], total, Floor);
        var tiersBefore = GroupFigure.OfParts([before.Regular, before.Occasional, total - before.Regular - before.Occasional], total, Floor);
        return new ParticipationReport(
            total,
            roster is not null,
            now.DropWeeks,
            now.Needed,
            new("Regular", tiersNow[0], tiersBefore[0], ParticipationReport.RegularBenchmark),
            new("Occasional", tiersNow[1], tiersBefore[1], ParticipationReport.OccasionalBenchmark),
            new("Not yet", tiersNow[2], tiersBefore[2], ParticipationReport.NotYetBenchmark));
    }

    private RelevanceReport Relevance(ReportData data, InsightsScope scope, InsightsPeriod period, Func<int, bool> filter)
    {
        var perItem = new Dictionary<int, (int Ratings, int Sum, int Reflections, HashSet<string> People, HashSet<string> Channels)>();
        foreach (var ledger in data.Ledgers)
        {
            foreach (var e in InPeriod(ledger, data, scope, period, filter).Where(e => e.Item > 0))
            {
                if (!perItem.TryGetValue(e.Item, out var item))
                {
                    item = perItem[e.Item] = (0, 0, 0, new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
                }

                var rated = e.Rating is { } r;
                if (rated || e.Reflections + e.Anonymous > 0)
                {
                    item.People.Add(ledger.LearnerKey);
                }

                if (e.Channel.Length > 0)
                {
                    item.Channels.Add(e.Channel);
                }

                perItem[e.Item] = (item.Ratings + (rated ? 1 : 0), item.Sum + (e.Rating ?? 0), item.Reflections + e.Reflections + e.Anonymous, item.People, item.Channels);
            }
        }

        var ratings = perItem.Values.Sum(v => v.Ratings);
        var mean = ratings == 0 ? 3.0 : (double)perItem.Values.Sum(v => v.Sum) / ratings;
        var posts = data.Posts
            .Where(p => p.Week >= period.FirstWeek && p.Week <= period.LastWeek && scope.Includes(p.ChannelId, data.PrivateChannels.Contains(p.ChannelId)))
            .GroupBy(p => p.Item)
            .ToDictionary(g => g.Key, g => g.Count());
        double Score(int n, int sum) => ((PriorWeight * NeutralPrior) + sum) / (PriorWeight + n);
        var items = perItem
            .Select(kv =>
            {
                var known = data.Items.GetValueOrDefault(kv.Key);
                var v = kv.Value;
                var raters = GroupFigure.Of(v.Ratings, v.Ratings, Floor);
                return new ItemRelevance(
                    kv.Key,
                    known?.Title ?? ContentIds.Format(kv.Key),
                    known?.Tags ?? [],
                    known?.PerformanceNeed,
                    v.Ratings,
                    raters.Suppressed || v.Ratings == 0 ? null : (double)v.Sum / v.Ratings,
                    Score(v.Ratings, v.Sum),
                    v.Reflections,
                    GroupFigure.Of(v.People.Count, v.People.Count, Floor),
                    v.Channels.Count,
                    posts.GetValueOrDefault(kv.Key));
            })
            .OrderByDescending(i => i.Score)
            .ThenByDescending(i => i.Ratings)
            .ThenBy(i => i.Item)
            .ToList();
        var tags = items
            .SelectMany(i => i.Tags.Select(t => (Tag: t.ToLowerInvariant(), Item: i)))
            .GroupBy(x => x.Tag, StringComparer.Ordinal)
            .Select(g =>
            {
                var n = g.Sum(x => perItem[x.Item.Item].Ratings);
                var sum = g.Sum(x => perItem[x.Item.Item].Sum);
                var people = g.SelectMany(x => perItem[x.Item.Item].People).ToHashSet(StringComparer.Ordinal).Count;
                return new TagRelevance(g.Key, g.Count(), n, n < Floor || n == 0 ? null : (double)sum / n, Score(n, sum), g.Sum(x => x.Item.Reflections), GroupFigure.Of(people, people, Floor));
            })
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Tag, StringComparer.Ordinal)
            .ToList();
        var worst = items.Where(i => i.Ratings > 0).OrderBy(i => i.Score).ThenBy(i => i.Item).Take(3).ToList();
        return new RelevanceReport(mean, items, tags, worst);
    }

    /// <summary>The data of reports on weeks <paramref name="firstWeek"/>…<paramref name="lastWeek"/>, with the ideas of <paramref name="ideas"/> when given.</summary>
    private Task<ReportData> ReadAsync(InsightsScope scope, int firstWeek, int lastWeek, InsightsPeriod? ideas, CancellationToken cancellationToken) =>
        LoadAsync(
            scope,
            firstWeek,
            lastWeek,
            ideas is null ? LearnerLedger.ReportColumns(firstWeek, lastWeek) : LearnerLedger.ReportColumnsWithIdeas(firstWeek, lastWeek, ideas.FirstWeek, ideas.LastWeek),
            cancellationToken);

    /// <summary>The report's data; <paramref name="ledgerColumns"/> says which weeks of the ledgers are read, and whether their ideas are.</summary>
    private async Task<ReportData> LoadAsync(InsightsScope scope, int firstWeek, int lastWeek, string[] ledgerColumns, CancellationToken cancellationToken)
    {
        var ledgers = store.RangeAsync(scope.TeamId, InsightsStore.LedgerPrefix, null, null, ledgerColumns, cancellationToken);
        var posts = store.RangeAsync(
            scope.TeamId,
            InsightsStore.PostPrefix,
            InsightsStore.PostPrefix + InsightsWeeks.Key(firstWeek),
            InsightsStore.PostPrefix + InsightsWeeks.Key(lastWeek) + "}",
            ["RowKey", "ChannelId", "Item"],
            cancellationToken);
        var items = content.ListAsync(scope.TeamId, null, includeArchived: true, cancellationToken);
        await Task.WhenAll(ledgers, posts, items);
        var read = (await ledgers).Select(LearnerLedger.FromRow).ToList();
        return new ReportData(
            read,
            [.. (await posts).Select(PostOf)],
            (await items).ToDictionary(i => i.Number),
            read.SelectMany(l => l.Entries).Where(e => e.Private && e.Channel.Length > 0).Select(e => e.Channel).ToHashSet(StringComparer.Ordinal));
    }

    private static PostedCard PostOf(TableEntity row) => new(
        int.TryParse(row.RowKey.AsSpan(InsightsStore.PostPrefix.Length, 5), System.Globalization.CultureInfo.InvariantCulture, out var week) ? week : 0,
        row.GetString("ChannelId") ?? string.Empty,
        row.GetInt32("Item") ?? 0);
}

/// <summary>
/// The hidden flags of one view (the experts of several tags, where the same people stand out):
/// each person's point read once, and never kept beyond the view, so a change is honoured by the next one.
/// </summary>
internal sealed class HiddenFlags(InsightsStore store, CancellationToken cancellationToken)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<bool>>> read = new(StringComparer.Ordinal);

    public async Task<IReadOnlySet<string>> AmongAsync(IEnumerable<string> learnerKeys)
    {
        var keys = learnerKeys.Distinct(StringComparer.Ordinal).ToList();
        var flags = await Task.WhenAll(keys.Select(k => read.GetOrAdd(k, key => new(() => store.IsHiddenAsync(key, cancellationToken))).Value));
        return keys.Where((_, i) => flags[i]).ToHashSet(StringComparer.Ordinal);
    }
}

/// <summary>What the Insights tab shows of a period: its report, the participation of the two periods before it, reflections per week and experts per tag.</summary>
public sealed record InsightsOverview(InsightsReport Report, ParticipationReport Earlier, IReadOnlyList<WeekCount> Weeks, IReadOnlyList<ExpertsReport> Experts);

/// <summary>
/// Whose insights: a team's standard channels, or one private or shared channel's own (its content
/// appears nowhere else, and nothing from elsewhere appears in it).
/// </summary>
public sealed record InsightsScope(string TeamId, string? PrivateChannelId = null)
{
    public bool Includes(string channel, bool isPrivate) =>
        PrivateChannelId is { } only ? string.Equals(channel, only, StringComparison.Ordinal) : !isPrivate;
}

/// <summary>The answer to <c>experts &lt;tag&gt;</c>: who stands out on it (anonymous contributions never count here), and who might need support.</summary>
public sealed record ExpertsReport(string TeamId, string? ChannelId, string Tag, DateOnly From, DateOnly To, IReadOnlyList<Expert> Experts, SupportFigure Support);

/// <summary>
/// Who might need support on a tag: counts of people who rated its items low (1–2★) or wrote that
/// they struggle, below the floor as "fewer than N"; <see cref="Named"/> lists only people who said
/// so in their own named words.
/// </summary>
public sealed record SupportFigure(GroupFigure LowRatings, GroupFigure Struggling, IReadOnlyList<string> Named);

/// <summary>What a report reads once: the ledgers, the posted cards of its weeks, the library, and the channels known to be private or shared.</summary>
internal sealed record ReportData(
    IReadOnlyList<LearnerLedger> Ledgers,
    IReadOnlyList<PostedCard> Posts,
    IReadOnlyDictionary<int, ContentItem> Items,
    IReadOnlySet<string> PrivateChannels);

/// <summary>A card posted in a week (a post note), for the weeks with a drop and the posts per item.</summary>
internal sealed record PostedCard(int Week, string ChannelId, int Item);
