using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Drops;
using TeamsLearningBot.Tests.Infrastructure;
using static TeamsLearningBot.Tests.Reliability.CrashChecks;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>
/// A drop worker taking one job from the drops queue and posting it (claim, post, record, open the
/// card for reflections, note it for insights and nudges, delete the message), stopped at every
/// storage request of a clean run (<see cref="CrashTable"/>); then the queue delivers the message
/// again once its visibility timeout has run out, and workers work the queue until it is empty.
/// Each case is a drop of its own to a channel of its own: exactly one post in the channel, recorded
/// as posted and open for reflections — or none, when the worker stopped while Teams may have been
/// posting it: then recorded as unconfirmed, and never posted twice. A post Teams took whose record
/// never came (unconfirmed, with the card in the channel) is confirmed by the first reflection a
/// learner shares on that card: the reflection is stored once and the delivery recorded as posted.
/// Every post recorded as posted is also counted in insights' posts and planned for nudges, even
/// when the worker stopped right after the record (the redelivered job makes those notes again).
/// </summary>
public sealed class DropCrashTests : IAsyncLifetime
{
    private const int Channels = 120;
    private static readonly DropChannel[] Roster = [.. Enumerable.Range(0, Channels).Select(i => new DropChannel($"19:crash-channel-{i:D4}@thread.tacv2", $"Crash {i:D4}"))];
    private readonly CrashPoints crash = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly ConcurrentDictionary<int, DropJob> jobs = new();
    private readonly ConcurrentDictionary<int, int> drops = new();
    private readonly Lazy<IReadOnlyDictionary<string, FakeThread>> threads;
    private DropsHost host = null!;
    private TeamsLearningBot.Content.ContentItem item = null!;

    private readonly AzuriteFixture azurite;

    public DropCrashTests(AzuriteFixture azurite)
    {
        this.azurite = azurite;

        // Taken once every post is made (the checks run after the redeliveries): the thread each channel got.
        threads = new(() => host.Teams.TakeThreads().ToDictionary(t => t.ChannelId, StringComparer.Ordinal));
    }

    public async ValueTask InitializeAsync()
    {
        host = await DropsHost.StartAsync(azurite, time, configure: app => crash.Register(app).WithSetting("Drops:VisibilityTimeout", "00:00:02"));
        await host.SeedTeamAsync("UTC", [DropsHost.General, .. Roster]);
        item = await host.AddItemAsync("Crash-safe posting");
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_drop_post_stopped_at_any_storage_request_is_posted_once_or_recorded_unconfirmed_after_the_queue_redelivers_it()
    {
        var table = new CrashTable();
        var problems = await table.RunAsync(
            "drop job (one channel)",
            prepare: async n =>
            {
                var drop = await host.ScheduleAsync(item, null, DropSchedule.Once(time.GetUtcNow(), "now"), time.GetUtcNow(), null, Roster[n + 1]);
                drops[n] = drop.Number;
                await host.RunSchedulerAsync();
            },
            act: async n =>
            {
                var ct = TestContext.Current.CancellationToken;
                try
                {
                    var messages = await host.Get<DropJobMessages>().ReceiveAsync(1, host.Options.VisibilityTimeout, ct);
                    if (messages.Length == 0)
                    {
                        return "no job";
                    }

                    jobs[n] = DropJob.FromMessage(messages[0].MessageText)!;
                    await using var scope = host.Factory.Services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<DropJobProcessor>().ProcessAsync(messages[0], ct);
                    return "done";
                }
                catch (Azure.RequestFailedException)
                {
                    return "died";
                }
            },
            settle: WorkTheQueueAsync,
            redeliver: _ => Task.CompletedTask,
            check: CheckAsync);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Environment.NewLine + table);

        // Every channel a drop went to, whether or not a case held its job when it stopped.
        var all = new List<string>();
        foreach (var (n, number) in drops)
        {
            var channel = Roster[n + 1];
            var posts = host.Posts.Count(r => r.ThreadChannel() == channel.Id);
            var deliveries = await host.Get<PostStore>().ListRecentAsync(DropsHost.TeamId, number, [channel.Id], 10, TestContext.Current.CancellationToken);
            ExpectOnce(all, posts, $"posts in {channel.Id}", deliveries.Any(d => d.State == DeliveryState.Unconfirmed));
        }

        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }

    // As the queue and the workers would: once a message's visibility timeout (and a crashed claim's
    // age) has passed, it comes back; workers take it until the queue is empty.
    private async Task WorkTheQueueAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (true)
        {
            time.Advance(host.Options.VisibilityTimeout + TimeSpan.FromSeconds(1));
            await Task.Delay(host.Options.VisibilityTimeout + TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
            await host.DeliverAllAsync();
            if (await host.QueueLengthAsync() == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The drops queue did not empty.");
        }
    }

    private async Task<IReadOnlyList<string>> CheckAsync(int n)
    {
        var problems = new List<string>();
        if (!jobs.TryGetValue(n, out var job))
        {
            // Stopped before it took a job: the job it would have taken is checked by the channel's own case below.
            return [];
        }

        var posts = host.Posts.Where(r => r.ThreadChannel() == job.ChannelId).ToList();
        var delivery = await host.Get<PostStore>().GetDeliveryAsync(job, TestContext.Current.CancellationToken);
        ExpectOnce(problems, posts.Count, $"posts in {job.ChannelId}", delivery?.State == DeliveryState.Unconfirmed);
        if (posts.Count == 1 && delivery?.State == DeliveryState.Unconfirmed)
        {
            // Teams took it and the record never came: the first reflection on the card confirms it.
            await ShareOnTheCardAsync(problems, n, job);
            delivery = await host.Get<PostStore>().GetDeliveryAsync(job, TestContext.Current.CancellationToken);
            Expect(problems, 1, host.Posts.Count(r => r.ThreadChannel() == job.ChannelId), $"posts in {job.ChannelId} after the reflection");
        }

        if (posts.Count == 1 && delivery?.State != DeliveryState.Unconfirmed)
        {
            if (delivery?.State != DeliveryState.Posted)
            {
                problems.Add($"posted, but the delivery is {delivery?.State.ToString() ?? "missing"}");
            }

            // The card takes reflections: opened with the post, or found and opened by the first reflection.
            var root = delivery?.ActivityId;
            var key = root is null ? null : new PostKey(job.ChannelId, root);
            if (key is null || (await host.Get<ReflectionStore>().GetPostAsync(key, TestContext.Current.CancellationToken)
                ?? await host.Get<ReflectionPostOpener>().FindAndOpenAsync(key, null, TestContext.Current.CancellationToken)) is null)
            {
                problems.Add("posted, but the card takes no reflections");
            }

            // What follows the record: counted in insights' posts and planned for nudges (a day on).
            var ct = TestContext.Current.CancellationToken;
            var noted = await host.Get<TeamsLearningBot.Insights.InsightsStore>().RangeAsync(DropsHost.TeamId, TeamsLearningBot.Insights.InsightsStore.PostPrefix, null, null, null, ct);
            if (!noted.Any(r => r.GetString("ChannelId") == job.ChannelId))
            {
                problems.Add("posted, but not counted in insights' posts");
            }

            var plans = await host.Get<TeamsLearningBot.Nudges.NudgeStore>().DuePlansAsync(time.GetUtcNow() + TimeSpan.FromDays(3), 1000, ct);
            if (!plans.Any(p => p.DropNumber == job.DropNumber && p.OccurrenceId == job.OccurrenceId))
            {
                problems.Add("posted, but no nudge plan");
            }
        }

        return problems;
    }

    /// <summary>A learner shares a reflection on the card in the channel, as Teams delivers it (with the card's own data).</summary>
    private async Task ShareOnTheCardAsync(List<string> problems, int n, DropJob job)
    {
        var ct = TestContext.Current.CancellationToken;
        var thread = threads.Value[job.ChannelId];
        var data = ShareData(thread.Body!.Value) ?? throw new InvalidOperationException("The posted card has no Share action.");
        data["reflection"] = $"Reflection on an unconfirmed card {n}";
        data["relevance"] = "5";
        var share = TestActivities.Load("invoke-adaptive-card-action", host.Teams.ServiceUrl, a =>
        {
            a["id"] = $"f:unconfirmed-{n:D4}";
            a["conversation"]!["id"] = thread.ConversationId;
            a["channelData"]!["channel"] = new JsonObject { ["id"] = job.ChannelId };
            a["channelData"]!["team"] = new JsonObject { ["id"] = DropsHost.TeamId };
            a["replyToId"] = thread.RootActivityId;
            a["value"]!["action"]!["data"] = data;
        });
        using var response = await host.Factory.PostActivityAnyStatusAsync(share, ct);
        using var again = await host.Factory.PostActivityAnyStatusAsync(share.DeepClone(), ct);
        Expect(problems, 200, (int)response.StatusCode, "status of the reflection on the unconfirmed card");
        var key = new PostKey(job.ChannelId, thread.RootActivityId);
        var reflections = await host.Get<ReflectionStore>().ListReflectionsAsync(key, null, ct);
        Expect(problems, 1, reflections.Count, "reflections on the unconfirmed card (delivered twice)");
        if (await host.Get<PostStore>().GetDeliveryAsync(job, ct) is not { State: DeliveryState.Posted } posted || posted.ActivityId != thread.RootActivityId)
        {
            problems.Add("a reflection was shared on the card, but its delivery is not recorded as posted with the card's id");
        }
    }

    // The data of the card's Share action (Action.Execute, verb "reflect"), wherever it sits in the card.
    private static JsonObject? ShareData(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object when node.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String && verb.GetString() == ReflectionVerbs.Reflect
            && node.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            => JsonNode.Parse(data.GetRawText())!.AsObject(),
        JsonValueKind.Object => node.EnumerateObject().Select(p => ShareData(p.Value)).FirstOrDefault(d => d is not null),
        JsonValueKind.Array => node.EnumerateArray().Select(ShareData).FirstOrDefault(d => d is not null),
        _ => null,
    };
}
