using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Nudges;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Insights;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Nudges;

/// <summary>
/// The app (planner and workers off, as <see cref="BotHost"/> starts it, so each test drives them)
/// on a fake clock, with the team, a facilitator, members and a posted drop card from
/// <see cref="InsightsHost"/>. Jobs go through the real nudges queue.
/// </summary>
internal sealed class NudgesHost : IAsyncDisposable
{
    public const string OtherTeamId = "19:aaaabbbbccccddddeeeeffff00001111@thread.tacv2";

    /// <summary>Tuesday 1 December 2026, 10:00 UTC: inside working hours in London.</summary>
    public static readonly DateTimeOffset Tuesday = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private NudgesHost(ReflectionsHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
    }

    public ReflectionsHost Host { get; }

    public FakeTimeProvider Time { get; }

    public FakeConnector Teams => Host.Teams;

    public static async Task<NudgesHost> StartAsync(AzuriteFixture azurite, int members = 8, DateTimeOffset? now = null, bool anonymous = false, bool workers = false, int membersPerJob = 16, Action<BotApplicationFactory>? configure = null)
    {
        var time = new FakeTimeProvider(now ?? Tuesday);
        var host = await InsightsHost.StartAsync(azurite, members, anonymous, app =>
        {
            app.WithTime(time)
                .WithSetting("Nudges:WorkersEnabled", workers ? "true" : "false")
                .WithSetting("Nudges:MembersPerJob", membersPerJob.ToString(System.Globalization.CultureInfo.InvariantCulture));
            configure?.Invoke(app);
        });
        return new NudgesHost(host, time);
    }

    public T Get<T>()
        where T : notnull => Host.Get<T>();

    public string Key(int learner) => InsightsHost.Key(Host, learner);

    /// <summary>A job for <paramref name="learner"/> about the host's card, posted <paramref name="postedAgo"/> ago (a day by default).</summary>
    public NudgeJob Job(int learner, string? teamId = null, int drop = 4, string occurrence = "20261130T100000Z", TimeSpan? postedAgo = null, string? teamTimeZone = "Europe/London", bool anonymous = false) => new()
    {
        TeamId = teamId ?? ReflectionsHost.TeamId,
        DropNumber = drop,
        OccurrenceId = occurrence,
        ChannelId = ReflectionsHost.ChannelId,
        RootId = ReflectionsHost.RootId,
        PostedAt = Time.GetUtcNow() - (postedAgo ?? TimeSpan.FromHours(24)),
        Item = Host.Item,
        Prompt = Host.Item.Prompts[0],
        Anonymous = anonymous,
        ServiceUrl = Teams.ServiceUrl,
        TenantId = ReflectionsHost.TenantId,
        BotId = "28:9b3c4d5e-1111-2222-3333-444455556666",
        BotName = "Learning Bot",
        TeamTimeZone = teamTimeZone,
        TeamName = "Learning Lab",
        UserId = InsightsHost.Id(learner),
        AadObjectId = InsightsHost.Aad(learner),
        Name = InsightsHost.Name(learner),
    };

    /// <summary>Enqueues the job, receives it from the queue and processes it once, as a worker would.</summary>
    public async Task<NudgeOutcome> RunAsync(NudgeJob job, BotApplicationFactory? instance = null)
    {
        var message = await EnqueueAndReceiveAsync(job);
        return await ProcessAsync(message, instance);
    }

    public async Task<QueueMessage> EnqueueAndReceiveAsync(NudgeJob job)
    {
        var ct = TestContext.Current.CancellationToken;
        var queue = Get<NudgeJobMessages>();
        await queue.EnqueueAsync(job, ct);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var received = await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5), ct);
            if (received.Length > 0)
            {
                return received[0];
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException("The nudge job did not come off the queue.");
    }

    /// <summary>A job of several people, as the planner writes it, for <paramref name="learners"/>.</summary>
    public NudgeJob JobOfSeveral(IEnumerable<int> learners, TimeSpan? postedAgo = null) =>
        Job(0, postedAgo: postedAgo) with
        {
            UserId = string.Empty,
            AadObjectId = null,
            Name = null,
            Members = [.. learners.Select(l => new NudgeMember(InsightsHost.Id(l), InsightsHost.Aad(l), InsightsHost.Name(l)))],
        };

    /// <summary>Processes a message as a worker would: one outcome per person in it.</summary>
    public async Task<IReadOnlyList<NudgeOutcome>> ProcessAllAsync(QueueMessage message)
    {
        await using var scope = Host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NudgeJobProcessor>().ProcessAsync(message, new SemaphoreSlim(2), TestContext.Current.CancellationToken);
    }

    /// <summary>Messages in the nudges queue, hidden ones included.</summary>
    public async Task<int> QueuedAsync()
    {
        var queue = Get<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(Get<NudgeJobMessages>().Name);
        return (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount;
    }

    public async Task<NudgeOutcome> ProcessAsync(QueueMessage message, BotApplicationFactory? instance = null)
    {
        await using var scope = (instance ?? Host.App).Services.CreateAsyncScope();
        return Assert.Single(await scope.ServiceProvider.GetRequiredService<NudgeJobProcessor>().ProcessAsync(message, null, TestContext.Current.CancellationToken));
    }

    /// <summary>Waits until the learner's nudge state holds <paramref name="zone"/> (the time zone is written in the background).</summary>
    public async Task<LearnerNudgeState> ZoneStoredAsync(int learner, string zone)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await StateAsync(learner) is { } state && state.TimeZone == zone)
            {
                return state;
            }

            if (attempt > 200)
            {
                throw new TimeoutException($"The time zone {zone} was not stored.");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public Task<LearnerNudgeState?> StateAsync(int learner) => Get<NudgeStore>().GetStateAsync(Key(learner), TestContext.Current.CancellationToken);

    /// <summary>The bot's own messages into 1:1 chats, not replies to what someone wrote there (the fake Connector's chat ids start with <c>a:</c>).</summary>
    public IReadOnlyList<RecordedRequest> PersonalMessages(int? learner = null) =>
        [.. Teams.Activities.Where(r => r.Method == "POST" && r.Route is ["conversations", var id, "activities"] && id.StartsWith("a:", StringComparison.Ordinal)
            && !r.BodyText!.Contains("\"replyToId\"", StringComparison.Ordinal)
            && (learner is null || id == PersonalChatOf(learner.Value)))];

    /// <summary>The fake Connector's 1:1 chat id for a learner (stable per user, as in Teams).</summary>
    public static string PersonalChatOf(int learner) => FakeConnector.PersonalChatOf(InsightsHost.Id(learner));

    /// <summary>A press of one of the nudge's buttons in the learner's 1:1 chat (Action.Execute).</summary>
    public JsonObject Press(int learner, string verb, NudgeJob job, string? reflection = null, string? relevance = null, bool anonymous = false) =>
        TestActivities.Load("invoke-adaptive-card-action", Teams.ServiceUrl, a =>
        {
            a["id"] = $"f:nudge-{learner}-{verb}-{Guid.NewGuid():N}";
            a["from"] = InsightsHost.From(learner);
            a["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = ReflectionsHost.TenantId, ["id"] = PersonalChatOf(learner) };
            a["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = ReflectionsHost.TenantId } };
            a.Remove("replyToId");
            var data = new JsonObject { ["team"] = job.TeamId, ["drop"] = job.DropNumber, ["occurrence"] = job.OccurrenceId };
            if (reflection is not null)
            {
                data["reflection"] = reflection;
            }

            if (relevance is not null)
            {
                data["relevance"] = relevance;
            }

            data["anonymous"] = anonymous ? "true" : "false";
            a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" };
        });

    /// <summary>A message in the learner's 1:1 chat (a typed command), from a client in <paramref name="timeZone"/>.</summary>
    public JsonObject Personal(int learner, string text, string? timeZone = "Europe/London") =>
        TestActivities.Load("personal-message", Teams.ServiceUrl, a =>
        {
            a["id"] = $"p-{learner}-{Guid.NewGuid():N}";
            a["text"] = text;
            a["from"] = InsightsHost.From(learner);
            a["conversation"]!["id"] = PersonalChatOf(learner);
            a["localTimezone"] = timeZone;
            a["entities"] = new JsonArray();
        });

    public Task SendAsync(JsonObject activity) => Host.SendAsync(activity);

    public async Task ReflectedAsync(int learner, DateTimeOffset at) =>
        await InsightsHost.PublishAsync(Host, InsightsHost.Reflected(Host, learner, Host.Item.Number, at));

    public LearnerKeys Keys => Get<LearnerKeys>();

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    public static int WeekOf(DateTimeOffset at) => InsightsWeeks.Of(at);
}
