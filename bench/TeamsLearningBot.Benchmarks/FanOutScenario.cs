using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Installation;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Benchmarks;

/// <summary>
/// One drop moment to many channels: every team has one drop to all its channels, all due at the
/// same second. The app runs as in production (scheduler, queue, workers, the Connector client with
/// its shared rate limiter) on Azurite, against a <see cref="ThrottlingConnector"/>.
/// </summary>
internal static class FanOutScenario
{
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public static async Task<FanOutResult> RunAsync(string storageConnectionString, int teamCount, int channelsPerTeam, int workerConcurrency)
    {
        await using var teams = await ThrottlingConnector.StartAsync();
        // Development: no app id, so no tokens; the Connector is a loopback fake.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Storage:TablePrefix"] = "fan" + Guid.NewGuid().ToString("N")[..10],
            ["MicrosoftAppId"] = string.Empty,
            ["Drops:SchedulerInterval"] = "00:00:00.250",
            ["Drops:WorkerConcurrency"] = workerConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Drops:WorkerPollInterval"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:TeamsLearningBot.Protocol.Connector"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Error",
            ["Logging:LogLevel:TeamsLearningBot.Drops.DueDropProcessor"] = Environment.GetEnvironmentVariable("FANOUT_TRACE") is null ? "Warning" : "Information",
            ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
        });

        // The same features as Program.cs; no web endpoint is needed to post drops.
        builder.AddBot();
        builder.AddLearningFeatures();
        using var host = builder.Build();
        await host.StartAsync();

        var channels = await SeedAsync(host.Services, teams.ServiceUrl, teamCount, channelsPerTeam);

        // Everything is due two seconds from now, on a whole second (index rows are per second).
        var now = DateTimeOffset.UtcNow;
        var due = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(3);
        var planner = host.Services.GetRequiredService<DropPlanner>();
        await Parallel.ForEachAsync(channels.GroupBy(c => c.TeamId), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (team, token) =>
            await planner.CreateAsync(
                new Drop
                {
                    TeamId = team.Key,
                    Number = 0,
                    ContentNumber = 1,
                    Channels = [.. team.Select(c => c.Channel)],
                    Schedule = DropSchedule.Once(due, "once"),
                    CreatedAt = now,
                },
                due,
                token));
        var dueOnConnectorClock = teams.Now + (due - DateTimeOffset.UtcNow);

        var expected = channels.Count;
        var deadline = Stopwatch.StartNew();
        while (teams.Posts.Select(p => p.Channel).Distinct().Count() < expected && deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(100);
        }

        // A duplicate would come late (a redelivered job); give it time to show up.
        await Task.Delay(TimeSpan.FromSeconds(5));
        await host.StopAsync();

        var posts = teams.Posts;
        var distinct = posts.Select(p => p.Channel).Distinct(StringComparer.Ordinal).Count();
        return new FanOutResult(
            expected,
            posts.Count == 0 ? TimeSpan.Zero : posts.Max(p => p.At) - dueOnConnectorClock,
            posts.Count == 0 ? TimeSpan.Zero : posts.Min(p => p.At) - dueOnConnectorClock,
            teams.PeakPerSecond(),
            teams.Throttled,
            posts.Count - distinct,
            expected - channels.Count(c => posts.Any(p => p.Channel == c.Channel.Id)),
            PerSecond(posts.Select(p => p.At - dueOnConnectorClock)));
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
            var teamId = $"19:team{t:D3}@thread.tacv2";
            all.AddRange(Enumerable.Range(0, channelsPerTeam).Select(c => (teamId, c == 0
                ? new DropChannel(teamId, "General")
                : new DropChannel($"19:team{t:D3}-channel{c:D3}@thread.tacv2", $"Channel {c}"))));
        }

        await Parallel.ForEachAsync(all.GroupBy(c => c.Item1), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (team, token) =>
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
