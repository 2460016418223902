using System.Globalization;
using TeamsLearningBot.Bench;
using TeamsLearningBot.Benchmarks;

// Fan-out benchmark (see BENCHMARKS.md):
// dotnet run -c Release --project bench/TeamsLearningBot.Benchmarks [-- --teams 50 --channels 20 --drop-per-channel --instances 2 --runs 3 --workers 16 --storage "<connection string>"]
// Nudges: dotnet run -c Release --project bench/TeamsLearningBot.Benchmarks -- nudges [--members 5000 --opted-out 0.1 --workers 32 --runs 1]
if (args.FirstOrDefault() == "nudges")
{
    return await NudgeBench.RunAsync(args);
}

var instance = Value("--instance");
var storage = Value("--storage");
var settings = new FanOutSettings
{
    Storage = storage ?? string.Empty,
    Teams = Option("--teams", 50),
    ChannelsPerTeam = Option("--channels", 20),
    Workers = Option("--workers", 16),
    DropPerChannel = args.Contains("--drop-per-channel"),
    Instances = Option("--instances", 1),
    SchedulerInterval = Value("--scheduler-interval") is { } interval ? TimeSpan.FromSeconds(double.Parse(interval, CultureInfo.InvariantCulture)) : null,
    PollInterval = Value("--poll-interval") is { } poll ? TimeSpan.FromSeconds(double.Parse(poll, CultureInfo.InvariantCulture)) : null,
    Lead = Value("--lead") is { } lead ? TimeSpan.FromSeconds(double.Parse(lead, CultureInfo.InvariantCulture)) : null,
};
if (instance is not null)
{
    // A child instance of a run with --instances: the app on the parent's storage until its input closes.
    return await FanOutScenario.RunInstanceAsync(settings, instance);
}

var runs = Option("--runs", 3);
var root = FindRepositoryRoot();
using var azurite = storage is null ? await Azurite.StartAsync(root) : null;
settings = settings with { Storage = storage ?? azurite!.ConnectionString };

var posts = settings.Teams * settings.ChannelsPerTeam;
var drops = settings.DropPerChannel ? posts : settings.Teams;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"Fan-out: {settings.Teams} teams x {settings.ChannelsPerTeam} channels = {posts} posts from {drops} drops ({(settings.DropPerChannel ? "one per channel" : "one per team to all its channels")}), {settings.Instances} instance(s) x {settings.Workers} workers, {runs} run(s)"));
Console.WriteLine("Load average at start: " + LoadAverage());
Console.WriteLine();
Console.WriteLine("| Run | Drops | Posts | Completion | Minimum (50/s) | Ratio | First post | Peak req/s | 429s | Duplicates | Missing | Claims per instance (lost) | Drops not claimed once | Longest gap | Storage > 1 s |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
var failed = false;
var ratios = new List<double>();
for (var run = 1; run <= runs; run++)
{
    var result = await FanOutScenario.RunAsync(settings);
    ratios.Add(result.Ratio);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {run} | {result.Drops} | {result.Channels} | {result.Completion.TotalSeconds:F1} s | {result.Minimum.TotalSeconds:F1} s | {result.Ratio:F2}x | {result.FirstPost.TotalSeconds:F2} s | {result.PeakPerSecond} | {result.Throttled} | {result.Duplicates} | {result.Missing} | {string.Join(" + ", result.ClaimsPerInstance.Select(c => $"{c.Claimed} ({c.Lost})"))} | {result.DropsNotClaimedOnce} | {result.LongestGap.TotalSeconds:F2} s at {result.LongestGapAt.TotalSeconds:F1} s | {result.SlowStorage} (slowest {result.SlowestStorage.TotalSeconds:F2} s) |"));
    var claimed = result.ClaimsPerInstance.Sum(c => c.Claimed);
    failed |= result.Duplicates > 0 || result.Missing > 0 || result.DropsNotClaimedOnce > 0 || claimed != result.Drops;
    if (claimed != result.Drops)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Error: the instances claimed {claimed} occurrences of {result.Drops} drops."));
    }

    if (result.CreatedLate)
    {
        Console.WriteLine("Warning: the drops were still being created at their due time; this run's completion is not comparable.");
    }

    if (args.Contains("--timeline"))
    {
        Console.WriteLine("Posts per second after the due time: " + string.Join(' ', result.PostsPerSecond));
        Console.WriteLine("Storage requests of this instance during the longest gap: " + result.StorageDuringGap);
    }

    Console.WriteLine("Load average: " + LoadAverage());
}

ratios.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ratio median {ratios[ratios.Count / 2]:F2}x, worst {ratios[^1]:F2}x over {ratios.Count} run(s)"));
return failed ? 1 : 0;

int Option(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? Value(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "TeamsLearningBot.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository (TeamsLearningBot.sln not found above " + AppContext.BaseDirectory + ").");
}
