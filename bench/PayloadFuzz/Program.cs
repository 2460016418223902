using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using TeamsLearningBot.Bench;
using TeamsLearningBot.Testing;

const string Usage = """
    Usage: dotnet bench/PayloadFuzz/bin/Release/net10.0/PayloadFuzz.dll [--cases N] [--seed S] [--bot PATH]
      --cases N   cases to run (default 2000): seeds S, S+1, … S+N-1
      --seed S    the first seed (default 1; the test suite's PayloadFuzzTests runs seeds 1-150)
      --bot PATH  the bot's TeamsLearningBot.dll (default: src/TeamsLearningBot's build)
    """;

var cases = 2000;
var firstSeed = 1;
string? botPath = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        case "--cases" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
            cases = n;
            i++;
            break;
        case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s):
            firstSeed = s;
            i++;
            break;
        case "--bot" when i + 1 < args.Length:
            botPath = Path.GetFullPath(args[++i]);
            break;
        default:
            await Console.Error.WriteLineAsync($"Not understood: {args[i]}{Environment.NewLine}{Usage}");
            return 2;
    }
}

// Ctrl-C, SIGTERM and SIGHUP end the run early but still stop the bot and Azurite.
using var cancel = BenchStop.OnSignals();

var root = BenchRepository.Root();
var testData = Path.Combine(root, "tests", "TestData");
var configuration = typeof(BenchRepository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
var botAssembly = botPath ?? BenchRepository.BotAssembly(root, configuration);
var loadBefore = BenchRepository.LoadAverage();
Log($"Starting Azurite, the identity stand-ins and the fake Connector (load average {loadBefore})");
using var azurite = await Azurite.StartAsync(root);

// The app id is the one the TestData payloads name as their recipient.
await using var identity = new IdentityStandIn(Guid.NewGuid().ToString(), "9b3c4d5e-1111-2222-3333-444455556666", "fuzz-secret-" + Guid.NewGuid().ToString("N"));
await identity.StartAsync();
await using var connector = await FakeConnector.StartAsync(cancellationToken: cancel.Token);
var botUri = new Uri($"http://127.0.0.1:{Azurite.FreePort()}/");
var environment = BotProcess.ProductionEnvironment(botUri, identity, azurite.ConnectionString);
var prefix = environment["Storage__TablePrefix"];
Log($"Starting the bot: dotnet {botAssembly}");
await using var bot = BotProcess.Start(botAssembly, environment);
using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
await bot.WaitUntilHealthyAsync(client, botUri, TimeSpan.FromSeconds(90));
var messages = new Uri(botUri, "/api/messages");
var authorization = AuthenticationHeaderValue.Parse("Bearer " + identity.CreateChannelToken(connector.ServiceUrl, TimeSpan.FromHours(6)));
var startRss = bot.RssBytes;

// One real message first: the bot answers it, so the run starts from a working bot and a team-less learner row.
var help = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(testData, "personal-message.json")))!.AsObject();
help["serviceUrl"] = connector.ServiceUrl;
help["text"] = "help";
var (warmStatus, _) = await PostAsync(help.ToJsonString());
if (warmStatus != 200)
{
    await Console.Error.WriteLineAsync($"The first message was answered {warmStatus}.{Environment.NewLine}{bot.RecentOutput()}");
    return 1;
}

Log($"Bot pid {bot.Id} is healthy; RSS {startRss / (1024 * 1024)} MB. Running {cases} cases from seed {firstSeed}");
var failures = new List<(int Seed, string What)>();
var statuses = new SortedDictionary<int, int>();
var clock = Stopwatch.StartNew();
StorageSnapshot? before = null;
var run = 0;
var attributedErrors = 0;
for (var seed = firstSeed; seed < firstSeed + cases && !cancel.IsCancellationRequested; seed++)
{
    var activity = PayloadMutator.Create(seed, connector.ServiceUrl, out var description, testData);
    before ??= await SettledSnapshotAsync();
    // An entry that reached this program's reader late (after the case it belongs to) is
    // reported with the next case; none goes uncounted.
    var errorsBefore = attributedErrors;
    var (status, body) = await PostAsync(activity.ToJsonString());
    run++;
    statuses[status] = statuses.GetValueOrDefault(status) + 1;
    if (status == 0 || (status >= 500 && status != (int)HttpStatusCode.NotImplemented))
    {
        await Task.Delay(200, CancellationToken.None);
        Fail(seed, $"{description}: answered {(status == 0 ? "nothing" : status.ToString(CultureInfo.InvariantCulture))} {Shorten(body)}; the bot's last lines:{Environment.NewLine}{string.Join(Environment.NewLine, bot.RecentOutput().Split(Environment.NewLine).TakeLast(12))}");
    }

    if (status is >= 400 and < 500)
    {
        var after = await StorageSnapshot.TakeAsync(azurite.ConnectionString, prefix, cancel.Token);
        if (!after.Rows.SequenceEqual(before.Rows))
        {
            Fail(seed, $"{description}: answered {status} and changed storage:{Environment.NewLine}{Shorten(after.DifferenceFrom(before))}");
            before = after;
        }
    }
    else
    {
        before = null;
    }

    if (bot.ErrorEntries > errorsBefore)
    {
        attributedErrors = bot.ErrorEntries;
        Fail(seed, $"{description}: the bot logged at Error (during this case or just after the one before):{Environment.NewLine}{string.Join(Environment.NewLine, bot.RecentOutput().Split(Environment.NewLine).TakeLast(12))}");
    }

    if (run % 250 == 0)
    {
        // The fake keeps every request; forgetting them keeps this program's memory flat.
        connector.Reset();
        Log(string.Create(CultureInfo.InvariantCulture, $"{run} cases, {failures.Count} failures, RSS {bot.RssBytes / (1024.0 * 1024):0} MB, {run / clock.Elapsed.TotalSeconds:0.0} cases/s"));
    }
}

// Anything the last cases left running in the background has a moment to log.
await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
if (bot.ErrorEntries > attributedErrors)
{
    Fail(firstSeed + run - 1, $"the bot logged at Error after the last case:{Environment.NewLine}{string.Join(Environment.NewLine, bot.RecentOutput().Split(Environment.NewLine).TakeLast(12))}");
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Payload fuzz: {run} cases (seeds {firstSeed}-{firstSeed + run - 1}) in {clock.Elapsed.TotalMinutes:0.0} min; load average {loadBefore} before, {BenchRepository.LoadAverage()} after ({Environment.ProcessorCount} cores)");
report.AppendLine(CultureInfo.InvariantCulture, $"Answers: {string.Join(", ", statuses.Select(p => $"{(p.Key == 0 ? "none" : p.Key.ToString(CultureInfo.InvariantCulture))} x{p.Value}"))}");
report.AppendLine(CultureInfo.InvariantCulture, $"Bot RSS {startRss / (1024.0 * 1024):0} MB at the start, {bot.RssBytes / (1024.0 * 1024):0} MB at the end, peak {bot.PeakRssBytes / (1024.0 * 1024):0} MB");
report.AppendLine(CultureInfo.InvariantCulture, $"Failures: {failures.Count}{(failures.Count == 0 ? string.Empty : $" (seeds {string.Join(", ", failures.Select(f => f.Seed).Distinct())})")}");
foreach (var (seed, what) in failures)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"  seed {seed}: {what}");
}

Console.WriteLine();
Console.Write(report);
return failures.Count == 0 && !cancel.IsCancellationRequested ? 0 : 1;

async Task<(int Status, string Body)> PostAsync(string json)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, messages) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    request.Headers.Authorization = authorization;
    try
    {
        using var response = await client.SendAsync(request, cancel.Token);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancel.Token));
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
    {
        return (0, $"{e.GetType().Name}: {e.Message}");
    }
}

// An accepted case may leave a write behind it (a learner's time zone is stored in the
// background): the next refusal is compared with storage once that has landed.
async Task<StorageSnapshot> SettledSnapshotAsync()
{
    var snapshot = await StorageSnapshot.TakeAsync(azurite.ConnectionString, prefix, cancel.Token);
    for (var look = 0; look < 20; look++)
    {
        await Task.Delay(100, cancel.Token);
        var again = await StorageSnapshot.TakeAsync(azurite.ConnectionString, prefix, cancel.Token);
        if (again.Rows.SequenceEqual(snapshot.Rows))
        {
            return again;
        }

        snapshot = again;
    }

    return snapshot;
}

void Fail(int seed, string what)
{
    failures.Add((seed, what));
    Log($"FAILED seed {seed}: {Shorten(what)}");
}

static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
