using System.Globalization;
using TeamsLearningBot.Bench;

namespace TeamsLearningBot.Benchmarks;

/// <summary>The <c>nudges</c> command of the benchmark program: runs <see cref="NudgeScenario"/> and prints a row per run.</summary>
internal static class NudgeBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var members = Option(args, "--members", 5000);
        var workers = Option(args, "--workers", 16);
        var runs = Option(args, "--runs", 1);
        var optedOut = Value(args, "--opted-out") is { } share ? double.Parse(share, CultureInfo.InvariantCulture) : 0.1;
        using var azurite = await Azurite.StartAsync(RepositoryRoot());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Nudges: one drop in a team of {members} people, {optedOut:P0} of them stopped nudges, {workers} workers, {runs} run(s)"));
        Console.WriteLine("Load average at start: " + LoadAverage());
        Console.WriteLine();
        Console.WriteLine("| Run | Members | Opted out | Nudged / expected | Completion | Bound (50 req/s) | Ratio | First nudge | Connector requests | 429s | Duplicates | To opted-out |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        var failed = false;
        for (var run = 1; run <= runs; run++)
        {
            var r = await NudgeScenario.RunAsync(azurite.ConnectionString, members, optedOut, workers);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {run} | {r.Members} | {r.OptedOut} | {r.Nudged} / {r.Expected} | {r.Completion.TotalSeconds:F1} s | {r.Bound.TotalSeconds:F1} s | {r.Ratio:F3}x | {r.FirstNudge.TotalSeconds:F2} s | {r.Requests} | {r.Throttled} | {r.Duplicates} | {r.ToOptedOut} |"));
            Console.WriteLine("Load average: " + LoadAverage());
            failed |= r.Duplicates > 0 || r.ToOptedOut > 0 || r.Nudged < r.Expected;
        }

        return failed ? 1 : 0;
    }

    private static int Option(string[] args, string name, int fallback) => Value(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string RepositoryRoot()
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
}
