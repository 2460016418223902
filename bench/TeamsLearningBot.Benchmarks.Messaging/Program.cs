using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using TeamsLearningBot.Bench;
using TeamsLearningBot.Benchmarks.Messaging;
using TeamsLearningBot.Testing;

BenchOptions? options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + BenchOptions.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

// Ctrl-C, SIGTERM and SIGHUP end the run early but still stop the bot and Azurite.
using var cancel = BenchStop.OnSignals();

var root = BenchRepository.Root();
var botAssembly = options.BotAssembly ?? BenchRepository.BotAssembly(root, BenchOptions.BuildConfiguration);
var appId = Guid.NewGuid().ToString();
var tenantId = Guid.NewGuid().ToString();
var appPassword = "bench-secret-" + Guid.NewGuid().ToString("N");
var loadBefore = Report.LoadAverage();

Log($"Starting Azurite, the identity stand-ins and the fake Connector (load average {loadBefore})");
using var azurite = await Azurite.StartAsync(root);
await using var identity = new IdentityStandIn(tenantId, appId, appPassword);
await identity.StartAsync();
await using var connector = await FakeConnector.StartAsync(cancellationToken: cancel.Token);

var botPort = Azurite.FreePort();
var botUri = new Uri($"http://127.0.0.1:{botPort}/");
var environment = BotProcess.ProductionEnvironment(botUri, identity, azurite.ConnectionString);

if (!options.TeamsLimits)
{
    // Teams' documented budget (50 Connector calls/s per app) would cap every run at 50/s; the
    // limiter stays in the path, with limits this run cannot reach.
    environment["Connector__AppLimitPerSecond"] = "100000";
    environment["Connector__ConversationLimitPerSecond"] = "100000";
    environment["Connector__ConversationLimitPer2Seconds"] = "100000";
    environment["Connector__ConversationLimitPer30Seconds"] = "100000";
}

foreach (var (name, value) in options.BotEnvironment)
{
    environment[name] = value;
}

Log($"Starting the bot: dotnet {botAssembly}{string.Concat(options.BotEnvironment.Select(v => $" {v.Key}={v.Value}"))}");
await using var bot = BotProcess.Start(botAssembly, environment);
using var handler = new SocketsHttpHandler
{
    UseProxy = false,
    AutomaticDecompression = DecompressionMethods.None,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    MaxConnectionsPerServer = Math.Max(options.MaxInFlight, options.Concurrency),
};
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
await bot.WaitUntilHealthyAsync(client, botUri, TimeSpan.FromSeconds(60));
Log($"Bot pid {bot.Id} is healthy; RSS {bot.RssBytes / (1024 * 1024)} MB");

// Teams reuses a channel token for its hour; a few are signed so that no single string is special.
var authorizations = Enumerable.Range(0, 8).Select(_ => "Bearer " + identity.CreateChannelToken(connector.ServiceUrl, TimeSpan.FromHours(1))).ToArray();
var bodies = Activities.PersonalMessages(options.Conversations, "help", connector.ServiceUrl, appId);
var load = new LoadGenerator(client, new Uri(botUri, "/api/messages"), bodies, authorizations);

// One message end to end before any load: it must be answered with a help card carrying the bot's token.
var first = await load.SendAsync(cancel.Token);
var reply = await connector.WaitForRequestAsync(r => r.Route is ["conversations", _, "activities"], TimeSpan.FromSeconds(10), cancel.Token);
if (first is not null || !reply.Succeeded || reply.Headers.GetValueOrDefault("Authorization") != "Bearer " + identity.AccessToken
    || reply.BodyText?.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal) != true)
{
    await Console.Error.WriteLineAsync($"The first message was not answered as expected ({first ?? "200"}, reply {reply.StatusCode}).{Environment.NewLine}{bot.RecentOutput()}");
    return 1;
}

if (options.TeamsLimits)
{
    return await RunUnderTeamsLimitsAsync();
}

if (options.Warmup > TimeSpan.Zero)
{
    Log($"Warm-up: {options.Concurrency} closed-loop clients for {options.Warmup.TotalSeconds:0} s");
    var warm = await load.RunClosedLoopAsync(options.Concurrency, options.Warmup, cancel.Token);
    Log($"  {warm.Throughput:0}/s, {warm.Failed} errors");
}

// Tiered compilation finishes in the background after the warm-up; measuring before it is done
// would count the JIT's work against the first phase.
var settled = await SettleAsync(TimeSpan.FromSeconds(30));
Log($"Bot idle after {settled.TotalSeconds:0.0} s");

var phases = new List<PhaseResult>();
phases.Add(await MeasureAsync("fixed rate", $"{options.Rate}/s open loop", () => load.RunFixedRateAsync(options.Rate, options.Duration, options.MaxInFlight, cancel.Token)));
if (!cancel.IsCancellationRequested)
{
    phases.Add(await MeasureAsync("saturation", $"{options.Concurrency} closed-loop clients", () => load.RunClosedLoopAsync(options.Concurrency, options.Duration, cancel.Token)));
}

if (cancel.IsCancellationRequested)
{
    Log("Stopped before the end; no report.");
    return 130;
}

var report = Report.Render(options, phases, bot.PeakRssBytes, identity.TokensIssued, loadBefore, Report.LoadAverage(), Path.GetRelativePath(root, botAssembly));
Console.WriteLine();
Console.WriteLine(report);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report);
}

if (bot.OutputLines > 0)
{
    Console.WriteLine($"The bot wrote {bot.OutputLines} log lines (Warning and above); the last ones:");
    Console.WriteLine(string.Join(Environment.NewLine, bot.RecentOutput().Split(Environment.NewLine).TakeLast(20)));
}

return 0;

// Teams' limits left on: what waiting for permits costs a request and its reply.
async Task<int> RunUnderTeamsLimitsAsync()
{
    if (options.Warmup > TimeSpan.Zero)
    {
        Log($"Warm-up: 20/s from {options.Conversations} chats for {options.Warmup.TotalSeconds:0} s");
        await PermitPhase.RunAsync("warm-up", load, connector, options.Conversations, 20, options.Warmup, cancel.Token);
    }

    var results = new List<PermitResult>();
    foreach (var (name, rate) in new[] { ("under the limit", 40), ("twice the limit", 100) })
    {
        if (cancel.IsCancellationRequested)
        {
            break;
        }

        Log($"{name}: {rate}/s from {options.Conversations} chats for {options.Duration.TotalSeconds:0} s, then until every reply is out");
        var result = await PermitPhase.RunAsync(name, load, connector, options.Conversations, rate, options.Duration, cancel.Token);
        Log(string.Create(CultureInfo.InvariantCulture, $"  {result.Count("200")} answered 200, {result.Count("202")} answered 202, {result.Errors} other; longest answer {result.LongestAnswer.TotalSeconds:0.00} s; {result.Replies} replies"));
        results.Add(result);
    }

    if (cancel.IsCancellationRequested)
    {
        Log("Stopped before the end; no report.");
        return 130;
    }

    var text = new System.Text.StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, Teams' limits on (50/s per app; 7/1 s, 8/2 s, 60/30 s per conversation), AcknowledgeAfter {environment.GetValueOrDefault("AcknowledgeAfter") ?? "10 s (default)"}");
    text.AppendLine(CultureInfo.InvariantCulture, $"Load average (1/5/15 min) before: {loadBefore} · after: {Report.LoadAverage()}");
    text.AppendLine(CultureInfo.InvariantCulture, $"Bot peak RSS (VmHWM): {bot.PeakRssBytes / (1024 * 1024)} MB");
    text.AppendLine();
    text.Append(PermitResult.Render(results));
    Console.WriteLine();
    Console.WriteLine(text);
    if (options.Output is { } output)
    {
        await File.WriteAllTextAsync(output, text.ToString());
    }

    var met = results.All(r => r.LongestAnswer < PermitPhase.TeamsTimeout && r.Unreplied == 0 && r.ExtraReplies == 0 && r.Errors == 0);
    return met ? 0 : 1;
}

async Task<PhaseResult> MeasureAsync(string name, string description, Func<Task<PhaseSamples>> run)
{
    // Settle between phases so one phase's backlog is not measured in the next.
    await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
    connector.Reset();
    Log($"{name}: {description} for {options.Duration.TotalSeconds:0} s");
    bot.ResetWindowPeak();
    var cpuBefore = bot.CpuTime;
    var ownCpuBefore = Environment.CpuUsage.TotalTime;
    var clock = Stopwatch.StartNew();
    var samples = await run();
    var botCpuSeconds = (bot.CpuTime - cpuBefore).TotalSeconds;
    var botCpu = botCpuSeconds / clock.Elapsed.TotalSeconds;
    var ownCpu = (Environment.CpuUsage.TotalTime - ownCpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds;
    var cpuPerActivity = samples.Succeeded == 0 ? double.NaN : botCpuSeconds * 1e6 / samples.Succeeded;
    var peak = bot.TakeWindowPeakRssBytes();
    var replies = connector.Requests.Where(r => r.Method == "POST" && r.Route is ["conversations", _, "activities"]).ToList();
    var withToken = replies.Count(r => r.Succeeded && r.Headers.GetValueOrDefault("Authorization") == "Bearer " + identity.AccessToken);
    Log(string.Create(CultureInfo.InvariantCulture,
        $"  {samples.Throughput:0}/s, p50 {samples.PercentileMs(50):0.0} ms, p99 {samples.PercentileMs(99):0.0} ms, max {samples.MaxMs:0.0} ms, {samples.Failed} errors, {replies.Count} replies, bot CPU {botCpu:0.00} cores ({cpuPerActivity:0} µs per activity), load generator and fake Connector {ownCpu:0.00} cores"));
    connector.Reset();
    return new PhaseResult(name, description, samples, replies.Count, withToken, botCpu, cpuPerActivity, ownCpu, peak);
}

async Task<TimeSpan> SettleAsync(TimeSpan timeout)
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < timeout)
    {
        var before = bot.CpuTime;
        if (cancel.IsCancellationRequested)
        {
            break;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        if ((bot.CpuTime - before).TotalSeconds < 0.025)
        {
            break;
        }
    }

    return clock.Elapsed;
}

static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
