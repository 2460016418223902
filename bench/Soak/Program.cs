using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using TeamsLearningBot.Bench;
using TeamsLearningBot.Bench.Soak;
using TeamsLearningBot.Testing;

SoakOptions? options;
try
{
    options = SoakOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + SoakOptions.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(SoakOptions.Usage);
    return 0;
}

// Ctrl-C, SIGTERM and SIGHUP end the run early but still stop the bot and Azurite.
using var cancel = BenchStop.OnSignals();

var root = BenchRepository.Root();
var configuration = typeof(SoakOptions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
var botAssembly = options.BotAssembly ?? BenchRepository.BotAssembly(root, configuration);
var loadBefore = BenchRepository.LoadAverage();
Log($"Starting Azurite, the identity stand-ins and the fake Connector (load average {loadBefore})");
using var azurite = await Azurite.StartAsync(root);
await using var identity = new IdentityStandIn(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "soak-secret-" + Guid.NewGuid().ToString("N"));
await identity.StartAsync();
await using var connector = await FakeConnector.StartAsync(cancellationToken: cancel.Token);
var people = FakeMember.Generate(options.People);
connector.Members = people;
connector.Channels = [new("19:soak0001a@thread.tacv2", "Announcements"), new("19:soak0002b@thread.tacv2", "Practice"), new("19:soak0003c@thread.tacv2", "Retros")];

var botUri = new Uri($"http://127.0.0.1:{Azurite.FreePort()}/");
Log($"Starting the bot: dotnet {botAssembly}");
var botEnvironment = BotProcess.ProductionEnvironment(botUri, identity, azurite.ConnectionString);
foreach (var (name, value) in options.BotEnvironment)
{
    botEnvironment[name] = value;
}

await using var bot = BotProcess.Start(botAssembly, botEnvironment);
using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };
await bot.WaitUntilHealthyAsync(client, botUri, TimeSpan.FromSeconds(90));
using var counters = RuntimeCounters.Start(bot.Id, options.SampleSeconds);
Log($"Bot pid {bot.Id} is healthy; RSS {bot.RssBytes / (1024 * 1024)} MB");

// Teams reuses a channel token for its hour; this one outlives the run.
var authorization = "Bearer " + identity.CreateChannelToken(connector.ServiceUrl, TimeSpan.FromMinutes(options.Minutes + 60));
var traffic = new SoakTraffic(client, new Uri(botUri, "/api/messages"), authorization, root, connector.ServiceUrl, identity.AppId, people);

// The team: installed by its first facilitator, with a few items to drop.
if (await traffic.InstallAsync(cancel.Token) != 200)
{
    await Console.Error.WriteLineAsync($"Installing the bot in the team failed.{Environment.NewLine}{Describe(traffic.Errors)}{Environment.NewLine}{bot.RecentOutput()}");
    return 1;
}

const int Items = 5;
for (var i = 1; i <= Items; i++)
{
    await traffic.ChannelCommandAsync("content add", traffic.Facilitator, $"content add Practice {i} | https://example.org/practice-{i} | What will you try first, and with whom? | tags: soak", cancel.Token);
}

var drops = 0;
await DropAsync();
var firstCard = Stopwatch.StartNew();
while (traffic.Cards == 0 && firstCard.Elapsed < TimeSpan.FromSeconds(90) && !cancel.IsCancellationRequested)
{
    traffic.AddCards(connector.TakeThreads());
    await Task.Delay(500, CancellationToken.None);
}

if (traffic.Cards == 0)
{
    await Console.Error.WriteLineAsync($"The first drop posted no card within 90 s.{Environment.NewLine}{Describe(traffic.Errors)}{Environment.NewLine}{bot.RecentOutput()}");
    return 1;
}

Log($"Team installed, {Items} items, first drop posted ({traffic.Cards} cards). Mixed traffic at {options.Rate}/s for {options.Minutes} min, a drop every {options.DropEverySeconds} s");
var samples = new List<Sample>();
var connectorRefused = 0;
var clock = Stopwatch.StartNew();
var end = TimeSpan.FromMinutes(options.Minutes);
using var inFlight = new SemaphoreSlim(64);
var skipped = 0;
var pending = new List<Task>();

var sampler = Task.Run(async () =>
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.SampleSeconds));
    TakeSample();
    while (clock.Elapsed < end && await timer.WaitForNextTickAsync(CancellationToken.None) && !cancel.IsCancellationRequested)
    {
        TakeSample();
    }
});

var dropper = Task.Run(async () =>
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.DropEverySeconds));
    while (clock.Elapsed < end && await timer.WaitForNextTickAsync(CancellationToken.None) && !cancel.IsCancellationRequested)
    {
        await DropAsync();
    }
});

var random = new Random(14);
var interval = TimeSpan.FromSeconds(1 / options.Rate);
long tick = 0;
while (clock.Elapsed < end && !cancel.IsCancellationRequested && !bot.HasExited)
{
    var due = interval * ++tick;
    if (due > clock.Elapsed)
    {
        await Task.Delay(due - clock.Elapsed, CancellationToken.None);
    }

    if (!inFlight.Wait(0))
    {
        skipped++;
        continue;
    }

    var roll = random.Next(100);
    var seed = random.Next();
    pending.Add(Task.Run(async () =>
    {
        try
        {
            await traffic.MixedAsync(roll, new Random(seed), cancel.Token);
        }
        finally
        {
            inFlight.Release();
        }
    }));
    pending.RemoveAll(t => t.IsCompleted);
}

await Task.WhenAll(pending);
await sampler;
await dropper;
TakeSample();
var loadAfter = BenchRepository.LoadAverage();
if (cancel.IsCancellationRequested)
{
    Log("Stopped before the end; the report covers what ran.");
}

var report = Report();
Console.WriteLine();
Console.WriteLine(report.Text);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report.Text);
}

return report.Passed ? 0 : 1;

async Task DropAsync()
{
    var item = drops++ % Items + 1;
    var channels = connector.Channels;
    var a = channels[drops % channels.Count].Name;
    var b = channels[(drops + 1) % channels.Count].Name;
    await traffic.ChannelCommandAsync("drop", traffic.Facilitator, $"drop C{item} now in #{a}, #{b}", cancel.Token);
}

void TakeSample()
{
    traffic.AddCards(connector.TakeThreads());
    connectorRefused += connector.Requests.Count(r => !r.Succeeded);

    // The fake keeps every request; forgetting them each sample keeps this program's own memory flat.
    connector.Reset();
    var sample = new Sample(
        clock.Elapsed,
        bot.RssBytes / (1024.0 * 1024),
        bot.OpenFileDescriptors,
        bot.Threads,
        counters.GcHeapMb,
        counters.GcCommittedMb,
        counters.ThreadPoolThreads,
        traffic.Sent,
        traffic.Errors.Count,
        bot.ErrorEntries,
        counters.Exceptions);
    lock (samples)
    {
        samples.Add(sample);
    }

    Log(string.Create(CultureInfo.InvariantCulture,
        $"{sample.At.TotalMinutes,5:0.0} min  RSS {sample.RssMb,6:0.0} MB  fds {sample.Fds,4}  threads {sample.Threads,3}  GC heap {sample.GcHeapMb,6:0.0} MB  committed {sample.GcCommittedMb,6:0.0} MB  pool {sample.PoolThreads,3:0}  sent {sample.Sent,6}  errors {sample.RequestErrors}  error log {sample.ErrorLog}  exceptions {sample.Exceptions}  cards {traffic.Cards}"));
}

(string Text, bool Passed) Report()
{
    var warm = samples.Where(s => s.At.TotalMinutes >= options.WarmupMinutes).ToList();
    var rssSlope = Slope(warm, s => s.RssMb);
    var fdSlope = Slope(warm, s => s.Fds);
    var threadSlope = Slope(warm, s => s.Threads);
    var heapSlope = Slope(warm.Where(s => !double.IsNaN(s.GcHeapMb)).ToList(), s => s.GcHeapMb);
    var committedSlope = Slope(warm.Where(s => !double.IsNaN(s.GcCommittedMb)).ToList(), s => s.GcCommittedMb);
    var requestErrors = traffic.Errors;
    var errorLog = bot.ErrorEntries;
    var totalErrors = requestErrors.Count + errorLog;
    var text = new StringBuilder();
    var minutes = clock.Elapsed.TotalMinutes;
    text.AppendLine(CultureInfo.InvariantCulture, $"Soak: {minutes:0.0} min of mixed traffic at {options.Rate}/s ({traffic.Sent} activities, {drops} drops), {options.People} people, sampled every {options.SampleSeconds} s; load average {loadBefore} before, {loadAfter} after ({Environment.ProcessorCount} cores)");
    if (options.BotEnvironment.Count > 0)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"The bot's added environment: {string.Join(", ", options.BotEnvironment.Select(p => $"{p.Key}={p.Value}"))}");
    }

    text.AppendLine(CultureInfo.InvariantCulture, $"Answers: {string.Join(", ", traffic.Answers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}"))}");
    text.AppendLine(CultureInfo.InvariantCulture, $"Not sent (64 already in flight): {skipped}; Connector calls the fake refused: {connectorRefused}");
    var first = warm.FirstOrDefault();
    var last = samples.LastOrDefault();
    if (first is not null && last is not null)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"After the {options.WarmupMinutes:0.#}-min warm-up ({warm.Count} samples): RSS {first.RssMb:0.0} → {last.RssMb:0.0} MB (peak {bot.PeakRssBytes / (1024.0 * 1024):0.0}), fds {first.Fds} → {last.Fds}, threads {first.Threads} → {last.Threads}, GC heap {first.GcHeapMb:0.0} → {last.GcHeapMb:0.0} MB, GC committed {first.GcCommittedMb:0.0} → {last.GcCommittedMb:0.0} MB");
    }

    text.AppendLine(CultureInfo.InvariantCulture, $"Least-squares slope per 10 min: RSS {rssSlope:+0.00;-0.00} MB (limit {options.MaxRssSlopeMb}), fds {fdSlope:+0.00;-0.00} (limit {options.MaxFdSlope}), threads {threadSlope:+0.00;-0.00}, GC heap {heapSlope:+0.00;-0.00} MB, GC committed {committedSlope:+0.00;-0.00} MB");
    text.Append("Errors per 5 min (request errors + Error log entries): ");
    var windows = (int)Math.Ceiling(minutes / 5);
    var parts = new List<string>();
    for (var w = 0; w < windows; w++)
    {
        var from = TimeSpan.FromMinutes(5 * w);
        var to = TimeSpan.FromMinutes(5 * (w + 1));
        var inWindow = samples.Where(s => s.At > from && s.At <= to).ToList();
        var before = samples.LastOrDefault(s => s.At <= from);
        var atEnd = inWindow.LastOrDefault() ?? before;
        var requests = (atEnd?.RequestErrors ?? 0) - (before?.RequestErrors ?? 0);
        var logged = (atEnd?.ErrorLog ?? 0) - (before?.ErrorLog ?? 0);
        parts.Add($"{5 * w}-{5 * (w + 1)} min: {requests}+{logged}");
    }

    text.AppendLine(string.Join(", ", parts));
    text.AppendLine(CultureInfo.InvariantCulture, $"Exceptions thrown in the bot (handled or not): {counters.Exceptions}");
    foreach (var (at, what) in requestErrors.Take(20))
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"  {at:HH:mm:ss} {what}");
    }

    if (errorLog > 0 || bot.OutputLines > 0)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"The bot wrote {bot.OutputLines} log lines (Warning and above), {errorLog} entries at Error or above; the last ones:");
        text.AppendLine(string.Join(Environment.NewLine, bot.RecentOutput().Split(Environment.NewLine).TakeLast(30)));
    }

    var failures = new List<string>();
    if (rssSlope > options.MaxRssSlopeMb)
    {
        failures.Add($"RSS grows {rssSlope:0.00} MB per 10 min (limit {options.MaxRssSlopeMb})");
    }

    if (fdSlope > options.MaxFdSlope)
    {
        failures.Add($"descriptors grow {fdSlope:0.00} per 10 min (limit {options.MaxFdSlope})");
    }

    if (totalErrors > options.MaxErrors)
    {
        failures.Add($"{totalErrors} errors (limit {options.MaxErrors})");
    }

    if (bot.HasExited)
    {
        failures.Add("the bot exited");
    }

    if (warm.Count < 3)
    {
        failures.Add("too few samples after the warm-up for a slope");
    }

    text.AppendLine(failures.Count == 0 ? "PASSED" : "FAILED: " + string.Join("; ", failures));
    return (text.ToString(), failures.Count == 0);
}

// Least squares of value against time, in units per 10 minutes.
static double Slope(IReadOnlyList<Sample> points, Func<Sample, double> value)
{
    if (points.Count < 2)
    {
        return double.NaN;
    }

    var xs = points.Select(p => p.At.TotalMinutes / 10).ToList();
    var ys = points.Select(value).ToList();
    var meanX = xs.Average();
    var meanY = ys.Average();
    var num = xs.Zip(ys, (x, y) => (x - meanX) * (y - meanY)).Sum();
    var den = xs.Sum(x => (x - meanX) * (x - meanX));
    return den == 0 ? double.NaN : num / den;
}

static string Describe(IReadOnlyList<(DateTime At, string What)> errors) => string.Join(Environment.NewLine, errors.Select(e => e.What));

static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

internal sealed record Sample(TimeSpan At, double RssMb, int Fds, int Threads, double GcHeapMb, double GcCommittedMb, double PoolThreads, int Sent, int RequestErrors, int ErrorLog, long Exceptions);
