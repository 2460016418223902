using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary>
/// A team with one item posted as <c>cards</c> drop cards (one per channel), and the activities
/// Teams would send about them, built from the TestData shapes.
/// </summary>
internal sealed class BenchCards(IServiceProvider services, string repositoryRoot, string serviceUrl, int cards, int learners)
{
    public const string TeamId = "19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private readonly JsonObject invoke = BenchPosts.Activity(repositoryRoot, "invoke-adaptive-card-action");
    private readonly JsonObject reply = BenchPosts.Activity(repositoryRoot, "channel-thread-reply");
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> seen = new();
    private long next;

    public IReadOnlyList<PostKey> Posts { get; private set; } = [];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await services.GetRequiredService<TeamStore>().RecordInstallAsync(
            new TeamInstall(TeamId, "Bench", null, TenantId, serviceUrl, new ChannelAccount { Id = "28:9b3c4d5e-1111-2222-3333-444455556666", Name = "Learning Bot" }, null),
            cancellationToken);
        var item = await services.GetRequiredService<ContentStore>().AddAsync(
            new ContentItem
            {
                TeamId = TeamId,
                Number = 0,
                Title = "Giving feedback that lands",
                Url = new Uri("https://example.org/feedback"),
                Kind = ContentKind.Video,
                Minutes = 6,
                PerformanceNeed = "You give feedback every week and want it to change something.",
                Prompts = ["How would you open your next feedback conversation?"],
            },
            cancellationToken);
        var posts = new List<PostKey>();
        for (var i = 0; i < cards; i++)
        {
            var channel = $"19:bench{i:D4}@thread.tacv2";
            var root = (1764300000000L + i).ToString(CultureInfo.InvariantCulture);
            var post = new DropPost
            {
                ChannelId = channel,
                ActivityId = root,
                ThreadConversationId = channel + ";messageid=" + root,
                TeamId = TeamId,
                DropNumber = 1,
                OccurrenceId = "bench",
                ContentNumber = item.Number,
                Prompt = item.Prompts[0],
                Anonymous = i % 2 == 0,
                PostedAt = DateTimeOffset.UtcNow,
            };
            await services.GetRequiredService<PostStore>().RecordPostedAsync(BenchPosts.Sending(post), post, cancellationToken);
            await services.GetRequiredService<ReflectionPostOpener>().OpenAsync(post, item, serviceUrl, cancellationToken);
            posts.Add(new PostKey(channel, root));
        }

        Posts = posts;
    }

    /// <summary>
    /// The kind of contact the <paramref name="n"/>th reflection is: <see cref="FirstContact"/> for
    /// its learner's first (new on the card and in the team), <see cref="Again"/> for a later one
    /// (a learner always comes back to the same card: n and n + learners share the card when the
    /// number of cards divides the number of learners). Asked once per reflection, in order.
    /// </summary>
    public string ContactOf(long n) => seen.TryAdd(LearnerOf(n), 0) ? FirstContact : Again;

    public const string FirstContact = "first contact";

    public const string Again = "again";

    /// <summary>The <paramref name="n"/>th reflection: mostly shared from a card (with a rating), some as thread replies.</summary>
    public JsonObject Reflection(long n)
    {
        var post = Posts[(int)(n % Posts.Count)];
        var learner = LearnerOf(n);
        var id = Interlocked.Increment(ref next);
        var activity = (n % 10 < 7 ? invoke : reply).DeepClone().AsObject();
        activity["serviceUrl"] = serviceUrl;
        activity["from"] = new JsonObject
        {
            ["id"] = $"29:bench-{learner:D5}",
            ["name"] = $"Learner {learner}",
            ["aadObjectId"] = $"00000000-0000-4000-8000-{learner:D12}",
        };
        activity["conversation"]!["id"] = post.ThreadConversationId;
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = post.ChannelId };
        var text = $"Reflection {n}: what I'll try next time is to ask one open question first, then listen.";
        if (n % 10 < 7)
        {
            activity["id"] = $"f:bench-{id}";
            activity["replyToId"] = post.RootActivityId;
            activity["value"]!["action"]!["data"] = new JsonObject
            {
                ["drop"] = "D1",
                ["reflection"] = text,
                ["relevance"] = ((n % 5) + 1).ToString(CultureInfo.InvariantCulture),
                ["anonymous"] = n % 3 == 0 ? "true" : "false",
            };
        }
        else
        {
            activity["id"] = (1764400000000L + id).ToString(CultureInfo.InvariantCulture);
            activity["text"] = text;
            activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>" + text + "</p>" });
        }

        return activity;
    }

    // 7919 is prime (coprime with any pool size it does not divide), so n * 7919 walks every learner once before anyone comes back.
    private long LearnerOf(long n) => (n * 7919) % learners;

    /// <summary>Waits until every card shows its final totals (the refresher has caught up).</summary>
    public async Task<bool> WaitSettledAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ReflectionStore>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var settled = true;
            foreach (var post in Posts)
            {
                var card = await store.GetPostAsync(post, cancellationToken);
                settled &= card is { RefreshScheduledAt: null } && card.Version == card.ShownVersion;
            }

            if (settled)
            {
                return true;
            }

            await Task.Delay(500, cancellationToken);
        }

        return false;
    }
}
