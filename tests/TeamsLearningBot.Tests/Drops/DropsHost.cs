using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Drops;

/// <summary>
/// A <see cref="BotHost"/> on a fake clock for drops. The scheduler and the workers are off unless
/// asked for, so a test drives them step by step.
/// </summary>
internal sealed class DropsHost : IAsyncDisposable
{
    public const string TeamId = "19:team-drops@thread.tacv2";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static readonly DropChannel General = new(TeamId, "General");
    public static readonly DropChannel Random = new("19:random@thread.tacv2", "Random");
    public static readonly DropChannel Design = new("19:design@thread.tacv2", "Design");

    private DropsHost(BotHost host) => Host = host;

    public BotHost Host { get; }

    public BotApplicationFactory Factory => Host.App;

    public FakeTimeProvider Time => Host.Time;

    public FakeConnector Teams => Host.Teams;

    /// <summary>Runs right after Teams accepted a post, before the bot sees the answer.</summary>
    public Action<string>? AfterPost { get; set; }

    public DropOptions Options => Get<IOptions<DropOptions>>().Value;

    public string TablePrefix => Get<IOptions<global::TeamsLearningBot.Storage.StorageOptions>>().Value.TablePrefix;

    /// <summary>New channel threads Teams accepted.</summary>
    public IReadOnlyList<RecordedRequest> Posts => [.. Teams.Requests.Where(r => r.IsNewThread() && r.Succeeded)];

    /// <summary>Every attempt to start a channel thread, accepted or not.</summary>
    public IReadOnlyList<RecordedRequest> Attempts => [.. Teams.Requests.Where(r => r.IsNewThread())];

    public static async Task<DropsHost> StartAsync(
        AzuriteFixture azurite,
        FakeTimeProvider time,
        FakeConnector? teams = null,
        bool backgroundServices = false,
        Action<BotApplicationFactory>? configure = null)
    {
        DropsHost? host = null;
        var bot = await BotHost.StartAsync(azurite, new BotHostOptions
        {
            Time = time,
            ConnectorOnFakeClock = true,
            Teams = teams,
            Configure = Configure(() => host, backgroundServices, configure),
        });
        host = new DropsHost(bot);
        return host;
    }

    /// <summary>A second instance of the app on the same storage and the same Teams.</summary>
    public Task<DropsHost> TwinAsync(bool backgroundServices = false, Action<BotApplicationFactory>? configure = null)
    {
        DropsHost? twin = null;
        twin = new DropsHost(Host.Twin(Configure(() => twin, backgroundServices, configure)));
        return Task.FromResult(twin);
    }

    private static Action<BotApplicationFactory> Configure(Func<DropsHost?> host, bool backgroundServices, Action<BotApplicationFactory>? configure) => app =>
    {
        app.WithSetting("Drops:SchedulerEnabled", backgroundServices ? "true" : "false")
            .WithSetting("Drops:WorkersEnabled", backgroundServices ? "true" : "false")
            .WithSetting("Drops:VisibilityTimeout", "00:00:01")
            .WithSetting("Drops:RetryDelay", "00:00:00")
            .WithSetting("Drops:SchedulerInterval", "00:00:05")
            .WithSetting("Drops:WorkerPollInterval", "00:00:00.100")
            .WithServices(s => s.AddHttpClient<ConnectorClient>().AddHttpMessageHandler(() => new AfterPostHandler(() => host()?.AfterPost)));
        configure?.Invoke(app);
    };

    public T Get<T>()
        where T : notnull => Host.Get<T>();

    public async Task SeedTeamAsync(string timeZone = "UTC", params DropChannel[] channels)
    {
        var ct = TestContext.Current.CancellationToken;
        var teams = Get<TeamStore>();
        var bot = new ChannelAccount { Id = "28:bot-app-id", Name = "Learning Bot" };
        var installer = new ChannelAccount { Id = "29:facilitator", Name = "Fran Facilitator" };
        await teams.RecordInstallAsync(new TeamInstall(TeamId, "Learning", null, TenantId, Teams.ServiceUrl, bot, installer), ct);
        await teams.AddFacilitatorAsync(TeamId, installer, null, ct);
        await teams.SaveChannelsAsync(TeamId, (channels.Length == 0 ? [General, Random, Design] : channels).Select(c => new ChannelInfo { Id = c.Id, Name = c.Id == TeamId ? null : c.Name }), ct);
        await teams.SetTimeZoneAsync(TeamId, timeZone, ct);
    }

    public Task<ContentItem> AddItemAsync(string title, string[]? tags = null, string[]? prompts = null, string teamId = TeamId) =>
        Get<ContentStore>().AddAsync(
            new ContentItem
            {
                TeamId = teamId,
                Number = 0,
                Title = title,
                Url = new Uri("https://example.org/" + Uri.EscapeDataString(title)),
                Summary = "About " + title,
                Kind = ContentKind.Article,
                Minutes = 5,
                Tags = tags ?? [],
                PerformanceNeed = "Why " + title + " matters",
                Prompts = prompts ?? ["How would you use " + title + "?"],
                AddedAt = Time.GetUtcNow(),
            },
            TestContext.Current.CancellationToken);

    public Task<Drop> ScheduleAsync(ContentItem? item, string? tag, DropSchedule schedule, DateTimeOffset firstDue, string? timeZone = null, params DropChannel[] channels) =>
        Get<DropPlanner>().CreateAsync(
            new Drop
            {
                TeamId = TeamId,
                Number = 0,
                ContentNumber = item?.Number,
                Tag = tag,
                Channels = channels.Length == 0 ? [General, Random] : channels,
                Schedule = schedule,
                TimeZone = timeZone,
                CreatedAt = Time.GetUtcNow(),
            },
            firstDue,
            TestContext.Current.CancellationToken);

    /// <summary>
    /// Lets the background services run: moves the fake clock on in small steps (so timers fire)
    /// until <paramref name="done"/> holds, or fails after <paramref name="timeout"/> of real time.
    /// </summary>
    public async Task PumpUntilAsync(Func<bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The background services did not get there in time.");
            Time.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Lets the background services run for a while of real time, e.g. to catch a duplicate that should not come.</summary>
    public async Task PumpForAsync(TimeSpan duration)
    {
        var end = DateTime.UtcNow + duration;
        await PumpUntilAsync(() => DateTime.UtcNow >= end, duration + TimeSpan.FromSeconds(5));
    }

    public async Task<Drop> GetDropAsync(int number) => (await Get<DropStore>().GetAsync(TeamId, number, TestContext.Current.CancellationToken))!;

    public Task<int> RunSchedulerAsync() => Get<DueDropProcessor>().RunOnceAsync(TestContext.Current.CancellationToken);

    /// <summary>Works the queue until it is empty, as a worker would; returns how many messages it handled.</summary>
    public async Task<int> DeliverAllAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var jobs = Get<DropJobMessages>();
        var handled = 0;
        while (true)
        {
            var messages = await jobs.ReceiveAsync(32, Options.VisibilityTimeout, cancellationToken);
            if (messages.Length == 0)
            {
                return handled;
            }

            await Task.WhenAll(messages.Select(async m =>
            {
                await using var scope = Factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DropJobProcessor>().ProcessAsync(m, cancellationToken);
            }));
            handled += messages.Length;
        }
    }

    public async Task<int> QueueLengthAsync()
    {
        var queue = Get<QueueServiceClient>().GetQueueClient(Get<DropJobMessages>().Name);
        await queue.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount;
    }

    public async Task<IReadOnlyList<Delivery>> DeliveriesAsync(int dropNumber) =>
        await Get<PostStore>().ListRecentAsync(TeamId, dropNumber, DropSummaryReader.ChannelsOf(await GetDropAsync(dropNumber)), 100, TestContext.Current.CancellationToken);

    /// <summary>The jobs waiting on the queue, without taking them.</summary>
    public async Task<IReadOnlyList<DropJob>> PeekJobsAsync()
    {
        var queue = Get<QueueServiceClient>().GetQueueClient(Get<DropJobMessages>().Name);
        var messages = (await queue.PeekMessagesAsync(32, TestContext.Current.CancellationToken)).Value;
        return [.. messages.Select(m => DropJob.FromMessage(m.MessageText)!)];
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
