using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Events;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>
/// The app in memory on Azurite (<see cref="BotApplicationFactory"/>), posting to a
/// <see cref="FakeConnector"/> on loopback, with every scheduler, worker and retention pass off so
/// a test turns on only what it exercises, and every learner event recorded in <see cref="Events"/>.
/// The feature hosts (drops, reflections, kudos…) put their team, items and activities on top.
/// </summary>
internal sealed class BotHost : IAsyncDisposable
{
    private static readonly string[] BackgroundWork =
    [
        "Drops:SchedulerEnabled",
        "Drops:WorkersEnabled",
        "Reflections:RefreshWorkerEnabled",
        "Reflections:RetentionEnabled",
        "Nudges:PlannerEnabled",
        "Nudges:WorkersEnabled",
        "Nudges:RetentionEnabled",
        "Recognition:Weekly:SchedulerEnabled",
        "Recognition:Badges:SweeperEnabled",
        "Recognition:KudosRetentionEnabled",
        "Insights:RetentionEnabled",
    ];

    private readonly BotHostOptions options;
    private readonly bool ownsTeams;
    private readonly List<BotHost> twins = [];
    private bool disposed;

    private BotHost(AzuriteFixture azurite, BotHostOptions options, FakeConnector teams, bool ownsTeams)
    {
        this.options = options;
        this.ownsTeams = ownsTeams;
        Teams = teams;
        Clock = options.Time ?? TimeProvider.System;
        App = new BotApplicationFactory(azurite);
        foreach (var setting in BackgroundWork)
        {
            App.WithSetting(setting, "false");
        }

        if (options.Time is { } time)
        {
            App.WithTime(time);
        }

        if (options.ConnectorOnFakeClock)
        {
            // The Connector's retries and timeouts run on the app's clock: no back-off, one retry,
            // and timeouts that moving a fake clock between steps cannot reach.
            App.WithSetting("Connector:BaseDelay", "00:00:00")
                .WithSetting("Connector:MaxRetryAttempts", "1")
                .WithSetting("Connector:AttemptTimeout", "00:10:00")
                .WithSetting("Connector:TotalTimeout", "01:00:00");
        }

        if (options.TablePrefix is not null)
        {
            App.WithSetting("Storage:TablePrefix", options.TablePrefix);
        }

        options.Configure?.Invoke(App);

        // Last, so it is still there when a test replaced the app's own sinks.
        App.WithServices(s => s.AddSingleton<ILearnerEventSink>(Events));
    }

    public BotApplicationFactory App { get; }

    public FakeConnector Teams { get; }

    public TimeProvider Clock { get; }

    /// <summary>The app's clock, for hosts started on a fake one.</summary>
    public FakeTimeProvider Time => Clock as FakeTimeProvider ?? throw new InvalidOperationException("This host runs on the system clock.");

    /// <summary>Every learner event this instance published.</summary>
    public RecordingEventSink Events { get; } = new();

    /// <summary>Starts a fake Connector (unless <see cref="BotHostOptions.Teams"/> shares one) and configures the app; it starts on first use.</summary>
    public static async Task<BotHost> StartAsync(AzuriteFixture azurite, BotHostOptions? options = null)
    {
        options ??= new BotHostOptions();
        var teams = options.Teams ?? await FakeConnector.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        return new BotHost(azurite, options, teams, ownsTeams: options.Teams is null);
    }

    /// <summary>
    /// Another instance of the app on the same tables, queues, Teams and clock, as in a scale-out,
    /// configured by <paramref name="configure"/> instead of this host's; disposed with this host.
    /// </summary>
    public BotHost Twin(Action<BotApplicationFactory>? configure = null)
    {
        var twin = new BotHost(App.Azurite, options with { Teams = Teams, TablePrefix = App.TablePrefix, Configure = configure }, Teams, ownsTeams: false);
        twins.Add(twin);
        return twin;
    }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>
    /// Posts an activity to <c>/api/messages</c> and fails the test unless the bot answered with
    /// success, or with exactly <paramref name="expected"/> when given.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(JsonObject activity, HttpStatusCode? expected = null)
    {
        var response = await App.PostActivityAsync(activity, TestContext.Current.CancellationToken);
        if (expected is { } status)
        {
            Assert.Equal(status, response.StatusCode);
        }

        return response;
    }

    /// <summary>Posts an activity and returns whatever the bot answered, for tests of refusals and failures.</summary>
    public Task<HttpResponseMessage> SendAnyStatusAsync(JsonObject activity) =>
        App.PostActivityAnyStatusAsync(activity, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var twin in twins)
        {
            await twin.DisposeAsync();
        }

        await App.DisposeAsync();
        if (ownsTeams)
        {
            await Teams.DisposeAsync();
        }
    }
}
