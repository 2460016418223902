using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Reliability.CrashChecks;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>
/// A reflection (shared from the card with a rating, or replied in the thread), each with a link so
/// it also earns the Resourceful badge, stopped at every storage request of a clean run, before it
/// leaves and after storage applied it (<see cref="CrashTable"/>); then delivered again as Teams does
/// after a failed request, half of the time to a second instance that remembers nothing. Each case
/// is one learner on a card of their own, so the cases run side by side and are checked one by one:
/// one reflection, one rating, the card's totals, the learner's index row, one echo in the thread,
/// one award, one congratulation and one private message; and insights counts each reflection once.
/// </summary>
public sealed class CrashAtEveryStepTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private readonly CrashPoints crash = new();
    private readonly ConcurrentDictionary<int, JsonObject> activities = new();
    private ReflectionsHost host = null!;
    private BotApplicationFactory twin = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ReflectionsHost.StartAsync(azurite, configure: app => crash.Register(app)
            .WithSetting("Recognition:Badges:NotificationLease", Lease.ToString("c", CultureInfo.InvariantCulture))
            .WithSetting("Connector:MaxRetryAttempts", "1")
            .WithSetting("Connector:BaseDelay", "00:00:00.010"));
        twin = host.AddInstance()
            .WithSetting("Recognition:Badges:NotificationLease", Lease.ToString("c", CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reflection_stopped_at_any_storage_request_is_counted_and_announced_once_after_redelivery(bool fromCard)
    {
        var table = new CrashTable();
        var problems = await table.RunAsync(
            fromCard ? "reflection shared from the card" : "reflection replied in the thread",
            prepare: async n => await host.PostCardAsync(ReflectionsHost.ChannelId, Root(n)),
            act: async n =>
            {
                var learner = ReflectionsHost.Learner(Learner(n));
                var text = $"Crash reflection {Tag(n)}: see https://example.org/notes/{Tag(n)}";
                var activity = fromCard
                    ? ReflectionsHost.On(Card(n), host.Share(text, "4", learner))
                    : host.Reply(text, learner, root: Root(n));
                activities[n] = activity;
                using var response = await host.App.PostActivityAnyStatusAsync(activity.DeepClone(), TestContext.Current.CancellationToken);
                return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            },
            settle: () => Task.Delay(Lease + TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken),
            redeliver: c => RedeliverAsync(c.Number % 2 == 0 ? host.App : twin, activities[c.Number]),
            check: n => EventuallyAsync(() => CheckReflectionAsync(n, fromCard)));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Environment.NewLine + table);

        // Insights: each learner's reflection once (the warm-up's, the clean run's and every case's).
        var ledgers = (await host.Get<InsightsStore>().RangeAsync(ReflectionsHost.TeamId, InsightsStore.LedgerPrefix, null, null, null, TestContext.Current.CancellationToken))
            .Select(LearnerLedger.FromRow)
            .ToList();
        var people = table.Cases.Count + 2;
        Assert.Equal(people, ledgers.Count);
        Assert.Equal(people, ledgers.Sum(l => l.Entries.Sum(e => e.Reflections + e.Anonymous)));
        Assert.Equal(fromCard ? people : 0, ledgers.Count(l => l.Entries.Any(e => e.Rating == 4)));
    }

    private static int Learner(int n) => 100 + n;

    // A positive number per case (the warm-up is -1), so no markdown escaping changes it in an echo.
    private static string Tag(int n) => (n + 2).ToString(CultureInfo.InvariantCulture);

    private static string Root(int n) => "1770000" + (n + 1).ToString("D6", CultureInfo.InvariantCulture);

    private static PostKey Card(int n) => new(ReflectionsHost.ChannelId, Root(n));

    private async Task<IReadOnlyList<string>> CheckReflectionAsync(int n, bool fromCard)
    {
        var ct = TestContext.Current.CancellationToken;
        var problems = new List<string>();
        var card = Card(n);
        var aad = ReflectionsHost.Learner(Learner(n))["aadObjectId"]!.GetValue<string>();
        var userId = ReflectionsHost.Learner(Learner(n))["id"]!.GetValue<string>();
        var key = host.Get<LearnerKeys>().For(ReflectionsHost.TenantId, aad);

        var (post, reflections, participant) = await host.Get<ReflectionStore>().ReadLearnerAsync(card, key, ct);
        Expect(problems, 1, reflections.Count, "reflections stored");
        if (fromCard)
        {
            Expect(problems, 4, participant?.Rating ?? 0, "rating stored");
        }

        var ratings = fromCard ? 1 : 0;
        if (post is null || (post.Reflections, post.Ratings, post.RatingSum) != (1, ratings, ratings * 4))
        {
            problems.Add($"card totals {post?.Reflections}/{post?.Ratings}/{post?.RatingSum}, not 1/{ratings}/{ratings * 4}");
        }

        if (!(await host.Get<ReflectionIndex>().ListLearnerAsync(key, ct)).Any(r => r.RowKey == card.Partition))
        {
            problems.Add("the learner's index does not name the card");
        }

        var sent = host.Teams.Activities.Where(r => r.Method == "POST").ToList();
        if (fromCard)
        {
            var echoes = sent.Count(r => r.ConversationId == card.ThreadConversationId && r.Readable().Contains($"Crash reflection {Tag(n)}:", StringComparison.Ordinal));
            // None only when the refresher stopped between its sending mark and the post: recorded unconfirmed.
            var unconfirmed = reflections.Count == 1 && reflections[0] is { Echoed: true, EchoSending: true };
            ExpectOnce(problems, echoes, "echoes in the thread", unconfirmed);
            if (echoes != 1 && !unconfirmed)
            {
                problems.Add($"(card version {post?.Version}, shown {post?.ShownVersion}, refresh scheduled {post?.RefreshScheduledAt:O}, lease {post?.RefreshLeaseUntil:O}; reflection echoed: {(reflections.Count > 0 ? reflections[0].Echoed : null)}, sending mark: {(reflections.Count > 0 ? reflections[0].EchoSending : null)})");
            }
        }

        await BadgeOnceAsync(problems, host.Get<BadgeLedger>(), host.Teams, ReflectionsHost.TeamId, key, userId, card.ThreadConversationId, "resourceful", "Resourceful");
        return problems;
    }
}
