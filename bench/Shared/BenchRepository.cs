using System.Runtime.InteropServices;

namespace TeamsLearningBot.Bench;

/// <summary>Where the repository is, and what the machine's load was, for the benchmarks that run the bot as a process.</summary>
internal static class BenchRepository
{
    /// <summary>The folder holding TeamsLearningBot.sln, above the current directory or the program's.</summary>
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "TeamsLearningBot.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run this from inside the TeamsLearningBot repository (no TeamsLearningBot.sln found above the current directory).");
    }

    /// <summary>The bot's build next to this program's configuration (Release or Debug).</summary>
    public static string BotAssembly(string root, string configuration) =>
        Path.Combine(root, "src", "TeamsLearningBot", "bin", configuration, "net10.0", "TeamsLearningBot.dll");

    /// <summary>The 1, 5 and 15 minute load averages, as <c>/proc/loadavg</c> gives them.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}

/// <summary>
/// Cancelled on Ctrl-C, SIGTERM or SIGHUP instead of the process ending there, so a benchmark
/// stopped early still stops the bot and Azurite it started.
/// </summary>
internal sealed class BenchStop : CancellationTokenSource
{
    private readonly PosixSignalRegistration onTerm;
    private readonly PosixSignalRegistration onHup;

    private BenchStop()
    {
        Console.CancelKeyPress += OnCancelKey;
        onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        onHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
    }

    public static BenchStop OnSignals() => new();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Console.CancelKeyPress -= OnCancelKey;
            onTerm.Dispose();
            onHup.Dispose();
        }

        base.Dispose(disposing);
    }

    private void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Cancel();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Cancel();
    }
}
