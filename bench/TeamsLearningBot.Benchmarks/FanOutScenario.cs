using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Installation;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Benchmarks;

/// <summary>
/// Drops due at the same second, posted by the app as in production (scheduler, queue, workers,
/// the Connector client with its shared rate limiter) on Azurite, against a <see cref="ThrottlingConnector"/>.
/// Either every team has one drop to all its channels (one big fan-out), or every channel has its
/// own one-off drop (<see cref="FanOutSettings.DropPerChannel"/>: many drops due at once). With
/// several instances, the others run as child processes of this program on the same storage.
/// </summary>
internal static class FanOutScenario
{
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public static async Task<FanOutResult> RunAsync(FanOutSettings settings)
    {
        await using var teams = await ThrottlingConnector.StartAsync();
        var prefix = "fan" + Guid.NewGuid().ToString("N")[..10];
        var storage = new StorageTrace();
        var claims = new ClaimCounter();
        using var host = BuildHost(settings, prefix, storage, claims);
        await host.StartAsync();
        var others = new List<Instance>();
        FanOutResult? result = null;
        try
        {
            for (var i = 1; i < settings.Instances; i++)
            {
                others.Add(await Instance.StartAsync(settings, prefix, i + 1));
            }

            result = await MeasureAsync(settings, host, teams, storage);
        }
        finally
        {
            // Closing its input stops an instance, which then says what it claimed (see RunInstanceAsync).
            var perInstance = new List<(int Claimed, int Lost)> { (claims.Claimed, claims.Lost) };
            foreach (var other in others)
            {
                perInstance.Add(await other.StopAsync());
                other.Dispose();
            }

            if (result is not null)
            {
                result = result with { ClaimsPerInstance = perInstance };
            }
        }

        return result!;
    }

    /// <summary>An instance of the app run by a child process until its standard input closes.</summary>
    public static async Task<int> RunInstanceAsync(FanOutSettings settings, string prefix)
    {
        var claims = new ClaimCounter();
        using var host = BuildHost(settings, prefix, null, claims);
        await host.StartAsync();
        Console.WriteLine(Instance.Ready);
        await Console.In.ReadToEndAsync();
        await host.StopAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Instance.ClaimsLine} {claims.Claimed} {claims.Lost}"));
        return 0;
    }

    private static async Task<FanOutResult> MeasureAsync(FanOutSettings settings, IHost host, ThrottlingConnector teams, StorageTrace storage)
    {
        var channels = await SeedAsync(host.Services, teams.ServiceUrl, settings.Teams, settings.ChannelsPerTeam);
        var groups = settings.DropPerChannel
            ? channels.Select(c => (c.TeamId, Channels: (IReadOnlyList<DropChannel>)[c.Channel])).ToList()
            : [.. channels.GroupBy(c => c.TeamId).Select(g => (TeamId: g.Key, Channels: (IReadOnlyList<DropChannel>)[.. g.Select(c => c.Channel)]))];

        // Everything is due on one whole second (index rows are per second), far enough ahead for
        // every drop to be created first (40 a second is slower than a loaded 2-core machine
        // creates them): the clock starts at the due time, not before.
        var now = DateTimeOffset.UtcNow;
        var lead = settings.Lead ?? TimeSpan.FromSeconds(Math.Max(5, groups.Count / 40.0));
        var due = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).Add(lead).AddSeconds(1);
        var planner = host.Services.GetRequiredService<DropPlanner>();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (drop, token) =>
            await planner.CreateAsync(
                new Drop
                {
                    TeamId = drop.TeamId,
                    Number = 0,
                    ContentNumber = 1,
                    Channels = drop.Channels,
                    Schedule = DropSchedule.Once(due, "once"),
                    CreatedAt = now,
                },
                due,
                token));
        var createdLate = DateTimeOffset.UtcNow > due;
        if (Environment.GetEnvironmentVariable("FANOUT_TRACE") is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {groups.Count} drops created in {(DateTimeOffset.UtcNow - now).TotalSeconds:F1} s, due at {due:HH:mm:ss.fff}"));
        }
        var dueOnConnectorClock = teams.Now + (due - DateTimeOffset.UtcNow);
        storage.Start(due);

        var expected = channels.Count;
        var deadline = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(60 + (expected / 50.0 * 3));
        while (teams.Posts.Select(p => p.Channel).Distinct().Count() < expected && deadline.Elapsed < limit)
        {
            await Task.Delay(100);
        }

        // A duplicate would come late (a redelivered job); give it time to show up.
        await Task.Delay(TimeSpan.FromSeconds(5));

        // Each occurrence is claimed once: every drop row says it ran exactly one occurrence.
        var store = host.Services.GetRequiredService<DropStore>();
        var notOnce = 0;
        foreach (var teamId in groups.Select(g => g.TeamId).Distinct(StringComparer.Ordinal))
        {
            notOnce += (await store.ListAsync(teamId, CancellationToken.None)).Count(d => d.OccurrenceCount != 1);
        }

        await host.StopAsync();

        var posts = teams.Posts;
        var distinct = posts.Select(p => p.Channel).Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var times = posts.Select(p => p.At - dueOnConnectorClock).Order().ToList();
        var gap = LongestGap(times);
        return new FanOutResult(
            expected,
            groups.Count,
            times.Count == 0 ? TimeSpan.Zero : times[^1],
            times.Count == 0 ? TimeSpan.Zero : times[0],
            teams.PeakPerSecond(),
            teams.Throttled,
            posts.Count - distinct.Count,
            channels.Count(c => !distinct.Contains(c.Channel.Id)),
            PerSecond(times),
            createdLate)
        {
            LongestGap = gap.Length,
            LongestGapAt = gap.At,
            SlowStorage = storage.Slow(TimeSpan.FromSeconds(1)),
            SlowestStorage = storage.Slowest,
            StorageDuringGap = storage.InFlightDuring(gap.At, gap.At + gap.Length),
            DropsNotClaimedOnce = notOnce,
            DueAt = due,
        };
    }

    private static IHost BuildHost(FanOutSettings settings, string prefix, StorageTrace? storage, ClaimCounter claims)
    {
        var trace = Environment.GetEnvironmentVariable("FANOUT_TRACE") is not null;
        // Development: no app id, so no tokens; the Connector is a loopback fake.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = Environments.Development });
        var config = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = settings.Storage,
            ["Storage:TablePrefix"] = prefix,
            ["MicrosoftAppId"] = string.Empty,
            ["Drops:WorkerConcurrency"] = settings.Workers.ToString(CultureInfo.InvariantCulture),

            // Teams' 50 a second is for the app: each instance takes its share.
            ["Connector:AppLimitPerSecond"] = (50 / settings.Instances).ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:TeamsLearningBot.Protocol.Connector"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Error",

            // Every claim and lost claim reaches the ClaimCounter; the console shows claims only with FANOUT_TRACE.
            ["Logging:LogLevel:" + ClaimCounter.Category] = "Debug",
            ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        if (settings.SchedulerInterval is { } interval)
        {
            config["Drops:SchedulerInterval"] = interval.ToString("c", CultureInfo.InvariantCulture);
        }

        if (settings.PollInterval is { } poll)
        {
            config["Drops:WorkerPollInterval"] = poll.ToString("c", CultureInfo.InvariantCulture);
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.AddProvider(claims);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(ClaimCounter.Category, trace ? LogLevel.Information : LogLevel.Warning);

        // The same features as Program.cs; no web endpoint is needed to post drops.
        builder.AddBot();
        builder.AddLearningFeatures();
        if (storage is not null)
        {
            // Every storage request of this instance is timed, to tell a stall of storage from one of the app.
            var tableOptions = new TableClientOptions();
            tableOptions.AddPolicy(storage, Azure.Core.HttpPipelinePosition.PerRetry);
            builder.Services.AddSingleton(tableOptions);
            var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            queueOptions.AddPolicy(storage, Azure.Core.HttpPipelinePosition.PerRetry);
            builder.Services.AddSingleton(new QueueServiceClient(settings.Storage, queueOptions));
        }

        return builder.Build();
    }

    private static (TimeSpan Length, TimeSpan At) LongestGap(List<TimeSpan> times)
    {
        var best = (Length: TimeSpan.Zero, At: TimeSpan.Zero);
        for (var i = 1; i < times.Count; i++)
        {
            if (times[i] - times[i - 1] > best.Length)
            {
                best = (times[i] - times[i - 1], times[i - 1]);
            }
        }

        return best;
    }

    private static int[] PerSecond(IEnumerable<TimeSpan> times)
    {
        var seconds = times.Select(t => Math.Max(0, (int)t.TotalSeconds)).ToList();
        var counts = new int[seconds.Count == 0 ? 0 : seconds.Max() + 1];
        foreach (var second in seconds)
        {
            counts[second]++;
        }

        return counts;
    }

    private static async Task<List<(string TeamId, DropChannel Channel)>> SeedAsync(IServiceProvider services, string serviceUrl, int teamCount, int channelsPerTeam)
    {
        var store = services.GetRequiredService<TeamStore>();
        var content = services.GetRequiredService<ContentStore>();
        var bot = new ChannelAccount { Id = "28:bench-bot", Name = "Learning Bot" };
        var all = new List<(string, DropChannel)>();
        for (var t = 0; t < teamCount; t++)
        {
            var teamId = $"19:team{t:D4}@thread.tacv2";
            all.AddRange(Enumerable.Range(0, channelsPerTeam).Select(c => (teamId, c == 0
                ? new DropChannel(teamId, "General")
                : new DropChannel($"19:team{t:D4}-channel{c:D3}@thread.tacv2", $"Channel {c}"))));
        }

        await Parallel.ForEachAsync(all.GroupBy(c => c.Item1), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (team, token) =>
        {
            await store.RecordInstallAsync(new TeamInstall(team.Key, "Bench " + team.Key, null, TenantId, serviceUrl, bot, null), token);
            await store.SaveChannelsAsync(team.Key, team.Select(c => new ChannelInfo { Id = c.Item2.Id, Name = c.Item2.Id == team.Key ? null : c.Item2.Name }), token);
            await content.AddAsync(
                new ContentItem
                {
                    TeamId = team.Key,
                    Number = 0,
                    Title = "Working out loud",
                    Url = new Uri("https://example.org/working-out-loud"),
                    Summary = "Share work in progress so others can help and learn.",
                    Kind = ContentKind.Article,
                    Minutes = 6,
                    PerformanceNeed = "Your team solves the same problems twice because nobody sees work in progress.",
                    Prompts = ["What will you share this week, and with whom?"],
                    AddedAt = DateTimeOffset.UtcNow,
                },
                token);
        });
        return all;
    }
}
