using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Bench;

/// <summary>
/// Half a year of a team: <see cref="Weeks"/> weeks ending the Monday <see cref="LastMonday"/>, two
/// drops a week into three channels (the second allows anonymous shares), 40 items over 12 tags,
/// and the activities Teams would send for the reflections on them. A fifth of the learners
/// contribute most weeks, three fifths now and then, a fifth never; 60% of reflections are shared
/// from the card with a rating, the rest are thread replies. Everything is fixed by the seed.
/// Compiled into each benchmark that needs the team (bench/InsightsLoad, bench/TabLoad).
/// </summary>
internal sealed class HalfYear(IServiceProvider services, string repositoryRoot, string serviceUrl, int learners)
{
    public const string TeamId = "19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const int Weeks = 26;
    public const int Items = 40;
    public const int Facilitators = 10;
    public static readonly DateOnly LastMonday = new(2026, 11, 23);

    public static readonly string[] Tags =
        ["feedback", "coaching", "meetings", "customers", "sales", "onboarding", "security", "ai", "writing", "planning", "wellbeing", "leadership"];

    private static readonly string[] Channels = ["19:bench-general@thread.tacv2", "19:bench-sales@thread.tacv2", "19:bench-product@thread.tacv2"];
    private static readonly ChannelAccount Bot = new() { Id = "28:9b3c4d5e-1111-2222-3333-444455556666", Name = "Learning Bot" };

    private static readonly Dictionary<string, string[]> Vocabulary = new(StringComparer.Ordinal)
    {
        ["feedback"] = ["specific feedback", "the feedback sandwich", "listening first", "a follow-up question"],
        ["coaching"] = ["open questions", "the GROW model", "silence after a question", "a coaching moment"],
        ["meetings"] = ["a clear agenda", "the stand-up", "meeting notes", "shorter meetings"],
        ["customers"] = ["customer interviews", "support tickets", "the renewal call", "customer churn"],
        ["sales"] = ["discovery calls", "the pipeline review", "pricing objections", "the demo script"],
        ["onboarding"] = ["the first week", "a buddy system", "onboarding checklist", "new starters"],
        ["security"] = ["phishing emails", "password managers", "access reviews", "the incident drill"],
        ["ai"] = ["prompt writing", "the copilot draft", "checking the output", "meeting summaries"],
        ["writing"] = ["plain language", "the first paragraph", "shorter emails", "a clear subject line"],
        ["planning"] = ["the quarterly plan", "capacity planning", "the roadmap", "weekly priorities"],
        ["wellbeing"] = ["focus time", "a proper lunch break", "no-meeting Fridays", "workload"],
        ["leadership"] = ["one-to-ones", "delegation", "team goals", "career conversations"],
    };

    // Terms that arrive in the second half of the year: what insights should show as rising.
    private static readonly string[] Rising = ["usage-based pricing", "the partner portal", "self-service onboarding"];

    private static readonly string[] Openers =
        ["I tried {0} this week and", "Our team talked about {0}:", "What stuck with me is {0};", "Honestly, {0} is hard for me and", "After the video on {0},"];

    private static readonly string[] Middles =
        ["it changed how I run my day.", "we will keep doing it.", "I struggle to find the time for it.", "it made the conversation calmer.", "it saved us an hour on Friday."];

    private static readonly string[] Signals =
        ["We could add {0} to the team wiki.", "Customers ask about {0} in almost every call.", "What if we tried {0} with the whole department?", "Competitors already offer {0}.", string.Empty, string.Empty, string.Empty];

    private static readonly Uri Messages = new("/api/messages", UriKind.Relative);

    private readonly JsonObject invoke = BenchPosts.Activity(repositoryRoot, "invoke-adaptive-card-action");
    private readonly JsonObject reply = BenchPosts.Activity(repositoryRoot, "channel-thread-reply");
    private readonly JsonObject command = BenchPosts.Activity(repositoryRoot, "channel-message-with-mention");
    private readonly List<ContentItem> items = [];
    private long nextId;

    /// <summary>The roster Teams lists for the team: every learner, the facilitators among them.</summary>
    public IReadOnlyList<ChannelAccount> Roster { get; } =
        [.. Enumerable.Range(0, learners).Select(n => new ChannelAccount { Id = $"29:bench-{n:D5}", Name = $"Learner {n}", AadObjectId = $"00000000-0000-4000-8000-{n:D12}" })];

    /// <summary>The cards of the last seeded week, where the reports are asked for.</summary>
    public IReadOnlyList<DropPost> LastWeekPosts { get; private set; } = [];

    public static DateTimeOffset MondayOf(int week) =>
        new(LastMonday.AddDays(7 * (week - Weeks + 1)).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

    public async Task InstallAsync(CancellationToken cancellationToken)
    {
        var teams = services.GetRequiredService<TeamStore>();
        await teams.RecordInstallAsync(new TeamInstall(TeamId, "Bench", null, TenantId, serviceUrl, Bot, null), cancellationToken);
        foreach (var facilitator in Roster.Take(Facilitators))
        {
            await teams.AddFacilitatorAsync(TeamId, facilitator, null, cancellationToken);
        }

        var content = services.GetRequiredService<ContentStore>();
        for (var i = 0; i < Items; i++)
        {
            var first = Tags[i % Tags.Length];
            var second = Tags[((i * 5) + 3) % Tags.Length];
            items.Add(await content.AddAsync(
                new ContentItem
                {
                    TeamId = TeamId,
                    Number = 0,
                    Title = $"{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Vocabulary[first][i % 4])}, part {(i / Tags.Length) + 1}",
                    Url = new Uri($"https://learning.example.org/items/{i}"),
                    Kind = (ContentKind)(i % 3),
                    Minutes = 5 + (i % 10),
                    Tags = first == second ? [first] : [first, second],
                    PerformanceNeed = $"You work on {Vocabulary[first][0]} every week.",
                    Prompts = [$"Where will you use {Vocabulary[first][i % 4]} next?"],
                },
                cancellationToken));
        }
    }

    /// <summary>Posts the week's two drops into the three channels, as the drop worker records a post.</summary>
    public async Task<IReadOnlyList<DropPost>> PostWeekAsync(int week, CancellationToken cancellationToken)
    {
        var posts = new List<DropPost>();
        for (var drop = 0; drop < 2; drop++)
        {
            var item = items[((week * 2) + drop) % Items];
            var at = MondayOf(week).AddHours(drop * 48);
            foreach (var channel in Channels)
            {
                var root = (1750000000000L + (week * 1000) + (drop * 10) + Array.IndexOf(Channels, channel)).ToString(CultureInfo.InvariantCulture);
                var post = new DropPost
                {
                    ChannelId = channel,
                    ActivityId = root,
                    ThreadConversationId = channel + ";messageid=" + root,
                    TeamId = TeamId,
                    DropNumber = drop + 1,
                    OccurrenceId = at.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
                    ContentNumber = item.Number,
                    Prompt = item.Prompts[0],
                    Anonymous = drop == 1,
                    PostedAt = at,
                };
                await services.GetRequiredService<PostStore>().RecordPostedAsync(BenchPosts.Sending(post), post, cancellationToken);
                await services.GetRequiredService<ReflectionPostOpener>().OpenAsync(post, item, serviceUrl, cancellationToken);
                await services.GetRequiredService<InsightsStore>().NotePostAsync(TeamId, InsightsWeeks.Of(at), channel, root, item.Number, at, cancellationToken);
                posts.Add(post);
            }
        }

        LastWeekPosts = posts;
        return posts;
    }

    /// <summary>
    /// The week's reflections on <paramref name="posts"/>, by day (Tuesday to Friday; a post on
    /// Wednesday is reflected on from Thursday): each learner at most once per card.
    /// </summary>
    public IReadOnlyList<JsonObject>[] Reflections(int week, IReadOnlyList<DropPost> posts, int count, Random random)
    {
        var days = Enumerable.Range(0, 4).Select(_ => new List<JsonObject>()).ToArray();
        var seen = new HashSet<(int Learner, string Root)>();
        for (var made = 0; made < count;)
        {
            var learner = PickLearner(random);
            var post = posts[random.Next(posts.Count)];
            if (!seen.Add((learner, post.ActivityId)))
            {
                continue;
            }

            var day = post.DropNumber == 1 ? random.Next(4) : 2 + random.Next(2);
            days[day].Add(Reflection(week, post, learner, random));
            made++;
        }

        return days;
    }

    /// <summary>
    /// Seeds the whole half year through <c>/api/messages</c>, week by week: the drops are posted on
    /// Monday, <paramref name="total"/> reflections in all sent Tuesday to Friday, <paramref name="senders"/>
    /// at a time, <paramref name="afterWeek"/> run after each week. Returns what was sent and what failed.
    /// </summary>
    public async Task<(int Sent, int Failed)> SeedAsync(HttpClient client, ShiftedClock clock, int total, int senders, Action? afterWeek = null)
    {
        var random = new Random(20261123);
        var sent = 0;
        var failed = 0;
        for (var week = 0; week < Weeks; week++)
        {
            clock.MoveTo(MondayOf(week));
            var posts = await PostWeekAsync(week, CancellationToken.None);
            var count = (total * (week + 1) / Weeks) - (total * week / Weeks);
            var days = Reflections(week, posts, count, random);
            for (var day = 0; day < days.Length; day++)
            {
                clock.MoveTo(MondayOf(week).AddDays(day + 1).AddHours(1));
                var queue = new Queue<JsonObject>(days[day]);
                await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
                {
                    while (true)
                    {
                        JsonObject? next;
                        lock (queue)
                        {
                            if (!queue.TryDequeue(out next))
                            {
                                return;
                            }
                        }

                        using var content = new StringContent(next.ToJsonString(), Encoding.UTF8, "application/json");
                        using var response = await client.PostAsync(Messages, content);
                        Interlocked.Increment(ref sent);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref failed);
                        }
                    }
                }));
            }

            afterWeek?.Invoke();
        }

        return (sent, failed);
    }

    /// <summary>A facilitator's command in the thread of one of the last week's cards.</summary>
    public JsonObject Command(string text, int run)
    {
        var post = LastWeekPosts[run % LastWeekPosts.Count];
        var facilitator = Roster[run % Facilitators];
        var activity = command.DeepClone().AsObject();
        activity["id"] = (1765000000000L + Interlocked.Increment(ref nextId)).ToString(CultureInfo.InvariantCulture);
        activity["serviceUrl"] = serviceUrl;
        activity["text"] = "<at>Learning Bot</at> " + text;
        activity["attachments"] = new JsonArray();
        activity["from"] = From(facilitator);
        activity["conversation"]!["id"] = post.ThreadConversationId;
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = post.ChannelId };
        activity["channelData"]!["teamsChannelId"] = post.ChannelId;
        return activity;
    }

    /// <summary>The item numbers in the order they were added (C1 is the first).</summary>
    public IReadOnlyList<ContentItem> Content => items;

    // A fifth of the learners weigh 12, three fifths 1, the last fifth never contribute.
    private int PickLearner(Random random)
    {
        var fifth = learners / 5;
        var regularWeight = fifth * 12;
        var pick = random.Next(regularWeight + (3 * fifth));
        return pick < regularWeight ? pick / 12 : fifth + (pick - regularWeight);
    }

    private JsonObject Reflection(int week, DropPost post, int learner, Random random)
    {
        var item = items.First(i => i.Number == post.ContentNumber);
        var tag = item.Tags[random.Next(item.Tags.Count)];
        var term = Vocabulary[tag][random.Next(4)];
        var signalTerm = week >= Weeks / 2 && random.Next(3) == 0 ? Rising[random.Next(Rising.Length)] : Vocabulary[tag][random.Next(4)];
        var text = string.Join(' ', [
            string.Format(CultureInfo.InvariantCulture, Openers[random.Next(Openers.Length)], term),
            Middles[random.Next(Middles.Length)],
            string.Format(CultureInfo.InvariantCulture, Signals[random.Next(Signals.Length)], signalTerm)]).Trim();
        var id = Interlocked.Increment(ref nextId);
        var person = Roster[learner];
        if (random.Next(10) < 6)
        {
            // Items differ in how relevant people find them: the rating centres on the item's own level.
            var level = 2 + (item.Number * 7 % 4);
            var activity = invoke.DeepClone().AsObject();
            activity["id"] = $"f:bench-{id}";
            activity["serviceUrl"] = serviceUrl;
            activity["from"] = From(person);
            activity["conversation"]!["id"] = post.ThreadConversationId;
            activity["channelData"]!["channel"] = new JsonObject { ["id"] = post.ChannelId };
            activity["replyToId"] = post.ActivityId;
            activity["value"]!["action"]!["data"] = new JsonObject
            {
                ["drop"] = $"D{post.DropNumber}",
                ["reflection"] = text,
                ["relevance"] = Math.Clamp(level + random.Next(-1, 2), 1, 5).ToString(CultureInfo.InvariantCulture),
                ["anonymous"] = post.Anonymous && random.Next(3) == 0 ? "true" : "false",
            };
            return activity;
        }

        var message = reply.DeepClone().AsObject();
        message["id"] = (1760000000000L + id).ToString(CultureInfo.InvariantCulture);
        message["serviceUrl"] = serviceUrl;
        message["from"] = From(person);
        message["text"] = text;
        message["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>" + text + "</p>" });
        message["conversation"]!["id"] = post.ThreadConversationId;
        message["channelData"]!["channel"] = new JsonObject { ["id"] = post.ChannelId };
        message["channelData"]!["teamsChannelId"] = post.ChannelId;
        return message;
    }

    private static JsonObject From(ChannelAccount person) => new() { ["id"] = person.Id, ["name"] = person.Name, ["aadObjectId"] = person.AadObjectId };
}
