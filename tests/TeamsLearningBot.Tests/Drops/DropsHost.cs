using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Drops;

/// <summary>
/// The app on Azurite with a fake clock and an in-process connector, its background services off
/// by default so a test drives the scheduler and the workers step by step.
/// </summary>
internal sealed class DropsHost : IAsyncDisposable
{
    public const string TeamId = "19:team-drops@thread.tacv2";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string ServiceUrl = "https://smba.example.test/teams/";
    public static readonly DropChannel General = new(TeamId, "General");
    public static readonly DropChannel Random = new("19:random@thread.tacv2", "Random");
    public static readonly DropChannel Design = new("19:design@thread.tacv2", "Design");

    private DropsHost(BotApplicationFactory factory, FakeTimeProvider time, InProcessConnector connector)
    {
        Factory = factory;
        Time = time;
        Connector = connector;
    }

    public BotApplicationFactory Factory { get; }

    public FakeTimeProvider Time { get; }

    public InProcessConnector Connector { get; }

    public DropOptions Options => Get<IOptions<DropOptions>>().Value;

    public static DropsHost Create(
        AzuriteFixture azurite,
        FakeTimeProvider time,
        InProcessConnector? connector = null,
        string? tablePrefix = null,
        bool backgroundServices = false,
        Action<BotApplicationFactory>? configure = null)
    {
        connector ??= new InProcessConnector();
        var factory = new BotApplicationFactory(azurite)
            .WithTime(time)
            .WithSetting("Drops:SchedulerEnabled", backgroundServices ? "true" : "false")
            .WithSetting("Drops:WorkersEnabled", backgroundServices ? "true" : "false")
            .WithSetting("Drops:VisibilityTimeout", "00:00:01")
            .WithSetting("Drops:RetryDelay", "00:00:00")
            .WithSetting("Drops:SchedulerInterval", "00:00:05")
            .WithSetting("Drops:WorkerPollInterval", "00:00:00.050")

            // The Connector's own retries wait on the fake clock too: no back-off, one retry.
            .WithSetting("Connector:BaseDelay", "00:00:00")
            .WithSetting("Connector:MaxRetryAttempts", "1")
            .WithServices(s => s.AddHttpClient<ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => connector));
        if (tablePrefix is not null)
        {
            factory.WithSetting("Storage:TablePrefix", tablePrefix);
        }

        configure?.Invoke(factory);
        return new DropsHost(factory, time, connector);
    }

    /// <summary>A second host on the same storage (another instance of the app).</summary>
    public DropsHost Twin(bool backgroundServices = false, Action<BotApplicationFactory>? configure = null) =>
        Create(Factory.Azurite, Time, Connector, TablePrefix, backgroundServices, configure);

    public string TablePrefix => Factory.Services.GetRequiredService<IOptions<global::TeamsLearningBot.Storage.StorageOptions>>().Value.TablePrefix;

    public T Get<T>()
        where T : notnull => Factory.Services.GetRequiredService<T>();

    public async Task SeedTeamAsync(string timeZone = "UTC", params DropChannel[] channels)
    {
        var teams = Get<TeamStore>();
        var bot = new ChannelAccount { Id = "28:bot-app-id", Name = "Learning Bot" };
        var installer = new ChannelAccount { Id = "29:facilitator", Name = "Fran Facilitator" };
        await teams.RecordInstallAsync(new TeamInstall(TeamId, "Learning", null, TenantId, ServiceUrl, bot, installer), TestContext.Current.CancellationToken);
        await teams.AddFacilitatorAsync(TeamId, installer, null, TestContext.Current.CancellationToken);
        await teams.SaveChannelsAsync(TeamId, (channels.Length == 0 ? [General, Random, Design] : channels).Select(c => new ChannelInfo { Id = c.Id, Name = c.Id == TeamId ? null : c.Name }), TestContext.Current.CancellationToken);
        await teams.SetTimeZoneAsync(TeamId, timeZone, TestContext.Current.CancellationToken);
    }

    public Task<ContentItem> AddItemAsync(string title, string[]? tags = null, string[]? prompts = null) =>
        Get<ContentStore>().AddAsync(
            new ContentItem
            {
                TeamId = TeamId,
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

    public async Task<Drop> GetDropAsync(int number) => (await Get<DropStore>().GetAsync(TeamId, number, TestContext.Current.CancellationToken))!;

    public Task<int> RunSchedulerAsync() => Get<DueDropProcessor>().RunOnceAsync(TestContext.Current.CancellationToken);

    /// <summary>Works the queue until it is empty, as a worker would; returns how many messages it handled.</summary>
    public async Task<int> DeliverAllAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var jobs = Get<DropJobs>();
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
        var queue = Get<QueueServiceClient>().GetQueueClient(Get<DropJobs>().Name);
        await queue.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount;
    }

    public Task<IReadOnlyList<Delivery>> DeliveriesAsync(int dropNumber) => Get<DeliveryStore>().ListRecentAsync(TeamId, dropNumber, 100, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
