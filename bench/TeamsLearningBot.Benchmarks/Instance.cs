using System.Diagnostics;
using System.Globalization;

namespace TeamsLearningBot.Benchmarks;

/// <summary>
/// Another instance of the app, run by a child process of this benchmark on the same storage.
/// Its output is read all along (a full pipe would stall its logging and so the app), shown
/// with <c>FANOUT_TRACE</c>, and ends with what it claimed.
/// </summary>
internal sealed class Instance : IDisposable
{
    public const string Ready = "instance ready";
    public const string ClaimsLine = "instance claims";

    private readonly Process process;
    private readonly int number;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task reading = Task.CompletedTask;
    private (int Claimed, int Lost)? claims;

    private Instance(Process process, int number)
    {
        this.process = process;
        this.number = number;
    }

    public static async Task<Instance> StartAsync(FanOutSettings settings, string prefix, int number)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Instance).Assembly.Location);
        }

        foreach (var arg in settings.InstanceArguments(prefix))
        {
            start.ArgumentList.Add(arg);
        }

        var instance = new Instance(Process.Start(start)!, number);
        instance.reading = instance.ReadAsync();
        await instance.ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return instance;
    }

    /// <summary>Stops the instance (closing its input) and returns what it claimed.</summary>
    public async Task<(int Claimed, int Lost)> StopAsync()
    {
        process.StandardInput.Close();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }

        await reading;
        return claims ?? throw new InvalidOperationException($"Instance {number} stopped without saying what it claimed.");
    }

    public void Dispose() => process.Dispose();

    private async Task ReadAsync()
    {
        var trace = Environment.GetEnvironmentVariable("FANOUT_TRACE") is not null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == Ready)
            {
                ready.TrySetResult();
            }
            else if (line.StartsWith(ClaimsLine + " ", StringComparison.Ordinal))
            {
                var parts = line[(ClaimsLine.Length + 1)..].Split(' ');
                claims = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
            }
            else if (trace)
            {
                Console.WriteLine($"[instance {number}] {line}");
            }
        }

        ready.TrySetException(new InvalidOperationException($"Instance {number} ended before it was ready."));
    }
}
