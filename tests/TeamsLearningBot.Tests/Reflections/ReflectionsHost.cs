using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary>
/// A <see cref="BotHost"/> with a team, an item and one posted drop card, opened for reflections
/// as the drop worker opens it; the card refresher runs on a fast test pace unless turned off.
/// Activities are the TestData shapes, aimed at it.
/// </summary>
internal sealed class ReflectionsHost : IAsyncDisposable
{
    public const string TeamId = "19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";
    public const string ChannelId = "19:c2f4e1d0a7b94f6e8d5c3b2a1f0e9d8c@thread.tacv2";
    public const string RootId = "1764240000000";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string ThreadId = ChannelId + ";messageid=" + RootId;

    private int nextId;

    private ReflectionsHost(BotHost host, TableRequestCounter storage)
    {
        Host = host;
        Storage = storage;
    }

    public BotHost Host { get; }

    public BotApplicationFactory App => Host.App;

    public FakeConnector Teams => Host.Teams;

    public TableRequestCounter Storage { get; }

    public ContentItem Item { get; private set; } = null!;

    public PostKey Post { get; } = new(ChannelId, RootId);

    public T Get<T>()
        where T : notnull => Host.Get<T>();

    /// <summary>Starts the app (refresher on a fast test pace unless <paramref name="refresher"/> is false) and posts the card.</summary>
    public static async Task<ReflectionsHost> StartAsync(AzuriteFixture azurite, bool anonymous = false, bool refresher = true, Action<BotApplicationFactory>? configure = null)
    {
        var storage = new TableRequestCounter();
        var bot = await BotHost.StartAsync(azurite, new BotHostOptions
        {
            Configure = app =>
            {
                Configure(app, refresher, storage);
                configure?.Invoke(app);
            },
        });
        var host = new ReflectionsHost(bot, storage);
        await host.PostCardAsync(anonymous);
        return host;
    }

    /// <summary>Another instance of the app on the same storage (tables and queues), as in a scale-out; <paramref name="storage"/> counts its table requests.</summary>
    public BotApplicationFactory AddInstance(TableRequestCounter? storage = null, bool refresher = true) =>
        Host.Twin(app => Configure(app, refresher, storage ?? new TableRequestCounter())).App;

    private static void Configure(BotApplicationFactory app, bool refresher, TableRequestCounter storage) =>
        app
            .WithSetting("Reflections:RefreshWorkerEnabled", refresher ? "true" : "false")
            .WithSetting("Reflections:CardRefreshDelay", "00:00:00.300")
            .WithSetting("Reflections:CardRefreshInterval", "00:00:01")
            .WithSetting("Reflections:RefreshPollInterval", "00:00:00.200")
            .WithServices(s => s.AddSingleton(storage.Options));

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    /// <summary>A learner of the team; <paramref name="n"/> picks one.</summary>
    public static JsonObject Learner(int n, string? name = null) => new()
    {
        ["id"] = $"29:1learner-{n:D4}",
        ["name"] = name ?? $"Learner {n}",
        ["aadObjectId"] = $"00000000-0000-4000-8000-{n:D12}",
    };

    /// <summary>Share from the card (Action.Execute), as the fixture's invoke with its data replaced.</summary>
    public JsonObject Share(string? reflection, string? relevance, JsonObject? from = null, bool anonymous = false, string? id = null) =>
        TestActivities.Load("invoke-adaptive-card-action", Teams.ServiceUrl, a =>
        {
            a["id"] = id ?? $"f:{Interlocked.Increment(ref nextId):D8}-share";
            if (from is not null)
            {
                a["from"] = from.DeepClone();
            }

            var data = new JsonObject { ["drop"] = "D4", ["item"] = Item.Number };
            if (reflection is not null)
            {
                data["reflection"] = reflection;
            }

            if (relevance is not null)
            {
                data["relevance"] = relevance;
            }

            data["anonymous"] = anonymous ? "true" : "false";
            a["value"]!["action"]!["data"] = data;
        });

    /// <summary>A reply in the card's thread without a mention.</summary>
    public JsonObject Reply(string text, JsonObject? from = null, string? id = null, string? root = null) =>
        TestActivities.Load("channel-thread-reply", Teams.ServiceUrl, a =>
        {
            a["id"] = id ?? $"17642{Interlocked.Increment(ref nextId):D8}";
            a["text"] = text;
            a["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>" + text + "</p>" });
            if (from is not null)
            {
                a["from"] = from.DeepClone();
            }

            if (root is not null)
            {
                a["conversation"]!["id"] = ChannelId + ";messageid=" + root;
            }
        });

    /// <summary>The same card posted by the drop to another channel of the team.</summary>
    public async Task<PostKey> PostCardAsync(string channelId, string rootId)
    {
        var post = new DropPost
        {
            ChannelId = channelId,
            ActivityId = rootId,
            ThreadConversationId = channelId + ";messageid=" + rootId,
            TeamId = TeamId,
            DropNumber = 4,
            OccurrenceId = "20261127T120000Z",
            ContentNumber = Item.Number,
            Prompt = Item.Prompts[0],
            PostedAt = Get<TimeProvider>().GetUtcNow(),
        };
        await Get<PostStore>().RecordPostedAsync(Sending(post), post, TestContext.Current.CancellationToken);
        await Get<ReflectionPostOpener>().OpenAsync(post, Item, Teams.ServiceUrl, TestContext.Current.CancellationToken);
        return new PostKey(channelId, rootId);
    }

    /// <summary>A drop's post recorded but not opened for reflections (as before reflections existed).</summary>
    public async Task<PostKey> RecordPostOnlyAsync(string channelId, string rootId)
    {
        var post = new DropPost
        {
            ChannelId = channelId,
            ActivityId = rootId,
            ThreadConversationId = channelId + ";messageid=" + rootId,
            TeamId = TeamId,
            DropNumber = 4,
            OccurrenceId = "20261120T120000Z",
            ContentNumber = Item.Number,
            PostedAt = Get<TimeProvider>().GetUtcNow(),
        };
        await Get<PostStore>().RecordPostedAsync(Sending(post), post, TestContext.Current.CancellationToken);
        return new PostKey(channelId, rootId);
    }

    /// <summary>Moves an activity to another card: its channel, thread and (for card actions) the card it replies to.</summary>
    public static JsonObject On(PostKey card, JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(activity);
        activity["conversation"]!["id"] = card.ThreadConversationId;
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = card.ChannelId };
        activity.Remove("channelData.teamsChannelId");
        if (activity.ContainsKey("replyToId"))
        {
            activity["replyToId"] = card.RootActivityId;
        }

        return activity;
    }

    /// <summary>A command typed in the card's thread, with the bot mentioned.</summary>
    public JsonObject Command(string text, JsonObject? from = null) =>
        TestActivities.Load("channel-message-with-mention", Teams.ServiceUrl, a =>
        {
            a["id"] = $"17643{Interlocked.Increment(ref nextId):D8}";
            a["text"] = "<at>Learning Bot</at> " + text;
            a["conversation"]!["id"] = ThreadId;
            if (from is not null)
            {
                a["from"] = from.DeepClone();
            }
        });

    /// <summary>Sends an activity and fails the test unless the bot answered with success.</summary>
    public Task<HttpResponseMessage> SendAsync(JsonObject activity) => Host.SendAsync(activity);

    /// <summary>Sends an activity and returns whatever the bot answered, for tests of refusals.</summary>
    public Task<HttpResponseMessage> SendAnyStatusAsync(JsonObject activity) => Host.SendAnyStatusAsync(activity);

    /// <summary>Runs one card refresh now, as the refresher would (for tests that keep the refresher off).</summary>
    public async Task RefreshAsync(PostKey? card = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CardRefresher>().RefreshAsync(card ?? Post, TestContext.Current.CancellationToken);
    }

    public Task<ReflectionPostEntity?> CardAsync() => Get<ReflectionStore>().GetPostAsync(Post, TestContext.Current.CancellationToken);

    /// <summary>Waits until the card row shows what the posted card shows: every change drawn (or the timeout).</summary>
    public async Task<ReflectionPostEntity> SettledCardAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var card = await CardAsync();
            if (card is { RefreshScheduledAt: null, RefreshLeaseUntil: null } && card.ShownVersion == card.Version)
            {
                return card;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The card did not settle: version {card?.Version}, shown {card?.ShownVersion}.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The card updates (PUT of the root post) the bot sent, in order.</summary>
    public IReadOnlyList<RecordedRequest> CardUpdates() =>
        [.. Teams.Activities.Where(r => r.Method == "PUT" && r.Route is ["conversations", _, "activities", RootId])];

    /// <summary>The bot's new messages in the card's thread.</summary>
    public IReadOnlyList<RecordedRequest> ThreadMessages() =>
        [.. Teams.Activities.Where(r => r.Method == "POST" && r.ConversationId == ThreadId)];

    private async Task PostCardAsync(bool anonymous)
    {
        var ct = TestContext.Current.CancellationToken;
        await Get<TeamStore>().RecordInstallAsync(
            new TeamInstall(TeamId, "Learning Lab", null, TenantId, Teams.ServiceUrl, new ChannelAccount { Id = "28:9b3c4d5e-1111-2222-3333-444455556666", Name = "Learning Bot" }, null),
            ct);
        Item = await Get<ContentStore>().AddAsync(
            new ContentItem
            {
                TeamId = TeamId,
                Number = 0,
                Title = "Giving feedback that lands",
                Url = new Uri("https://example.org/feedback"),
                Kind = ContentKind.Video,
                Minutes = 6,
                PerformanceNeed = "You give feedback every week and want it to change something.",
                Tags = ["feedback"],
                Prompts = ["How would you open your next feedback conversation?"],
            },
            ct);
        var post = new DropPost
        {
            ChannelId = ChannelId,
            ActivityId = RootId,
            ThreadConversationId = ThreadId,
            TeamId = TeamId,
            DropNumber = 4,
            OccurrenceId = "20261127T120000Z",
            ContentNumber = Item.Number,
            Prompt = Item.Prompts[0],
            Anonymous = anonymous,
            PostedAt = Get<TimeProvider>().GetUtcNow(),
        };
        await Get<PostStore>().RecordPostedAsync(Sending(post), post, ct);
        await Get<ReflectionPostOpener>().OpenAsync(post, Item, Teams.ServiceUrl, ct);
    }

    // The delivery record a drop worker holds when it records a post.
    private static Delivery Sending(DropPost post) => new()
    {
        TeamId = post.TeamId,
        DropNumber = post.DropNumber,
        OccurrenceId = post.OccurrenceId,
        OccurrenceDueUtc = post.PostedAt,
        ChannelId = post.ChannelId,
        ChannelName = "General",
        ContentNumber = post.ContentNumber,
        State = DeliveryState.Sending,
        UpdatedAt = post.PostedAt,
    };
}
