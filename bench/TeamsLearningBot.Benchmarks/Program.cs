using System.Globalization;
using TeamsLearningBot.Bench;
using TeamsLearningBot.Benchmarks;

// Fan-out benchmark: dotnet run -c Release --project bench/TeamsLearningBot.Benchmarks [-- --teams 50 --channels 20 --runs 3 --workers 16 --storage "<connection string>"]
var teamCount = Option("--teams", 50);
var channelsPerTeam = Option("--channels", 20);
var runs = Option("--runs", 3);
var workers = Option("--workers", 16);
var storage = Value("--storage");

var root = FindRepositoryRoot();
using var azurite = storage is null ? await Azurite.StartAsync(root) : null;
var connectionString = storage ?? azurite!.ConnectionString;

Console.WriteLine($"Fan-out: {teamCount} teams x {channelsPerTeam} channels = {teamCount * channelsPerTeam} posts, {workers} workers, {runs} run(s)");
Console.WriteLine();
Console.WriteLine("| Run | Posts | Completion | Minimum (50/s) | Ratio | First post | Peak req/s | 429s | Duplicates | Missing |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
var failed = false;
for (var run = 1; run <= runs; run++)
{
    var result = await FanOutScenario.RunAsync(connectionString, teamCount, channelsPerTeam, workers);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {run} | {result.Channels} | {result.Completion.TotalSeconds:F1} s | {result.Minimum.TotalSeconds:F1} s | {result.Ratio:F2}x | {result.FirstPost.TotalSeconds:F2} s | {result.PeakPerSecond} | {result.Throttled} | {result.Duplicates} | {result.Missing} |"));
    failed |= result.Duplicates > 0 || result.Missing > 0;
    if (args.Contains("--timeline"))
    {
        Console.WriteLine("Posts per second after the due time: " + string.Join(' ', result.PostsPerSecond));
    }
}

return failed ? 1 : 0;

int Option(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? Value(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

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
