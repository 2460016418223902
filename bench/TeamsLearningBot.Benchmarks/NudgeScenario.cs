using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Nudges;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Benchmarks;

/// <summary>
/// One drop in a team of <c>members</c> people, nudged as in production: the drop worker's post
/// notes a plan, the planner (every second here) lists the channel's members and enqueues a job
/// each, and the nudge workers decide and send through the Connector client with its shared rate
/// limiter, on Azurite, against a <see cref="NudgeConnector"/> that enforces Teams' limits. A share of
/// the members said <c>stop nudges</c> beforehand. The delay before a nudge is 0 and working hours
/// are the whole week, so the run measures the fan-out and not the clock.
/// </summary>
internal static class NudgeScenario
{
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string TeamId = "19:nudgebench@thread.tacv2";

    public static async Task<NudgeResult> RunAsync(string storage, int memberCount, double optedOutShare, int workers)
    {
        var members = Enumerable.Range(1, memberCount).Select(i => ($"29:1bench-{i:D6}", new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 2]).ToString())).ToList();
        await using var teams = await NudgeConnector.StartAsync(members);
        var prefix = "nud" + Guid.NewGuid().ToString("N")[..10];
        using var host = BuildHost(storage, prefix, workers);
        await host.StartAsync();
        var services = host.Services;

        var optedOut = members.Where((_, i) => i % (int)Math.Round(1 / optedOutShare) == 0).Select(m => m.Item1).ToHashSet(StringComparer.Ordinal);
        var keys = services.GetRequiredService<LearnerKeys>();
        var store = services.GetRequiredService<NudgeStore>();
        await Parallel.ForEachAsync(members.Where(m => optedOut.Contains(m.Item1)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (m, ct) =>
            await store.ChangeStateAsync(keys.For(TenantId, m.Item2), s =>
            {
                s.Stopped = true;
                return true;
            }, ct));

        var bot = new ChannelAccount { Id = "28:bench-bot", Name = "Learning Bot" };
        await services.GetRequiredService<TeamStore>().RecordInstallAsync(new TeamInstall(TeamId, "Bench team", null, TenantId, teams.ServiceUrl, bot, null), default);
        var item = await services.GetRequiredService<ContentStore>().AddAsync(
            new ContentItem
            {
                TeamId = TeamId,
                Number = 0,
                Title = "Working out loud",
                Url = new Uri("https://example.org/working-out-loud"),
                Summary = "Share work in progress so others can help and learn.",
                PerformanceNeed = "Your team solves the same problems twice because nobody sees work in progress.",
                Prompts = ["What will you share this week, and with whom?"],
                AddedAt = DateTimeOffset.UtcNow,
            },
            default);

        // What the drop worker does after a post: the plan, due at once (Nudges:FirstDelay is 0 here).
        var now = DateTimeOffset.UtcNow;
        var post = new DropPost
        {
            ChannelId = TeamId,
            ActivityId = "1900000000001",
            ThreadConversationId = TeamId + ";messageid=1900000000001",
            TeamId = TeamId,
            DropNumber = 1,
            OccurrenceId = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            ContentNumber = item.Number,
            Prompt = item.Prompts[0],
            PostedAt = now,
        };
        var job = new DropJob
        {
            TeamId = TeamId,
            DropNumber = 1,
            OccurrenceId = post.OccurrenceId,
            OccurrenceDueUtc = now,
            ChannelId = TeamId,
            ChannelName = "General",
            ContentNumber = item.Number,
            Item = item,
            ServiceUrl = teams.ServiceUrl,
            TenantId = TenantId,
            BotId = bot.Id,
            BotName = bot.Name,
            Prompt = post.Prompt,
        };
        var start = teams.Now;
        await services.GetRequiredService<NudgePlanner>().NotePostedAsync(post, job, default);

        var expected = memberCount - optedOut.Count;
        var deadline = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(120 + (expected * 2 / 50.0 * 2));
        while (teams.Messages.Select(m => m.UserId).Distinct().Count() < expected && deadline.Elapsed < limit)
        {
            await Task.Delay(250);
        }

        // A duplicate would come late (a redelivered job); give it time to show up.
        await Task.Delay(TimeSpan.FromSeconds(10));
        await host.StopAsync();

        var sent = teams.Messages;
        var times = sent.Select(m => m.At - start).Order().ToList();
        var distinct = sent.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        var pages = (memberCount + 499) / 500;

        // Every request the work needs, at 50 a second: the member pages, then a chat and a message per person.
        var bound = TimeSpan.FromSeconds((pages + (2.0 * expected)) / 50.0);
        return new NudgeResult(
            memberCount,
            optedOut.Count,
            expected,
            distinct.Count,
            times.Count == 0 ? TimeSpan.Zero : times[^1],
            times.Count == 0 ? TimeSpan.Zero : times[0],
            bound,
            sent.Count - distinct.Count,
            distinct.Count(optedOut.Contains),
            teams.Throttled,
            teams.Accepted);
    }

    private static IHost BuildHost(string storage, string prefix, int workers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            ["Storage:TablePrefix"] = prefix,
            ["MicrosoftAppId"] = string.Empty,
            ["Drops:SchedulerEnabled"] = "false",
            ["Drops:WorkersEnabled"] = "false",
            ["Nudges:FirstDelay"] = "00:00:00",
            ["Nudges:WorkdayStart"] = "00:00",
            ["Nudges:WorkdayEnd"] = "23:59:59",
            ["Nudges:WorkingDays"] = "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
            ["Nudges:PlanInterval"] = "00:00:01",
            ["Nudges:WorkerPollInterval"] = "00:00:00.200",
            ["Nudges:WorkerConcurrency"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Error",
        });
        builder.AddBot();
        builder.AddLearningFeatures();
        return builder.Build();
    }
}
