using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace TeamsLearningBot.Bench;

/// <summary>
/// The bot as a process of its own (<c>dotnet TeamsLearningBot.dll</c>), configured through
/// environment variables, with its memory read from <c>/proc/&lt;pid&gt;/status</c>.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly CancellationTokenSource stopSampling = new();
    private readonly Task sampling;
    private long windowPeakRssKb;
    private int outputLines;
    private int errorEntries;

    private BotProcess(Process process)
    {
        this.process = process;
        sampling = SampleAsync(stopSampling.Token);
    }

    public int Id => process.Id;

    /// <summary>Lines the bot wrote (warnings and errors: it runs with Warning as the default level).</summary>
    public int OutputLines => Volatile.Read(ref outputLines);

    /// <summary>Entries the bot logged at Error or Critical (the console logger's <c>fail:</c> and <c>crit:</c> lines).</summary>
    public int ErrorEntries => Volatile.Read(ref errorEntries);

    /// <summary>
    /// The settings the bot runs with in the benchmarks: Production, a single-tenant app id whose
    /// channel tokens and outbound tokens come from <paramref name="identity"/>, Azurite storage
    /// under a fresh table prefix, logging at Warning.
    /// </summary>
    public static Dictionary<string, string> ProductionEnvironment(Uri botUri, IdentityStandIn identity, string storageConnectionString) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Urls"] = botUri.AbsoluteUri.TrimEnd('/'),
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = identity.AppId,
        ["MicrosoftAppPassword"] = identity.AppPassword,
        ["MicrosoftAppTenantId"] = identity.TenantId,
        ["ToBotFromChannelOpenIdMetadataUrl"] = identity.MetadataUrl,
        ["ToChannelFromBotLoginUrl"] = identity.LoginUrl,
        ["Storage__ConnectionString"] = storageConnectionString,
        ["Storage__TablePrefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
        ["Privacy__PseudonymSecret"] = "bench-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
        ["Export__SigningKeys__0"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Logging__LogLevel__Default"] = "Warning",

        // The token endpoint's certificate comes from a throwaway CA; only the bot's process trusts it.
        ["SSL_CERT_FILE"] = identity.TrustFile,
    };

    public static BotProcess Start(string assembly, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"The bot is not built at {assembly}; build the solution (or this project) first.", assembly);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly },
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Only what is set here (and the host's PATH/HOME) reaches the bot, so a developer's own
        // ASPNETCORE_* or MicrosoftApp* variables cannot change what is measured.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name is not ("PATH" or "HOME" or "DOTNET_ROOT" or "TMPDIR" or "LANG"))
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot.");
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>Waits until <c>/healthz</c> answers 200 (the host is up and storage is reachable).</summary>
    public async Task WaitUntilHealthyAsync(HttpClient client, Uri baseUri, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with code {process.ExitCode}:{Environment.NewLine}{RecentOutput()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(baseUri, "/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The bot was not healthy within {timeout.TotalSeconds:0} s:{Environment.NewLine}{RecentOutput()}");
    }

    /// <summary>The highest resident set size since the process started (<c>VmHWM</c>), in bytes.</summary>
    public long PeakRssBytes => ReadStatusKb("VmHWM") * 1024;

    public long RssBytes => ReadStatusKb("VmRSS") * 1024;

    /// <summary>The process's threads (<c>Threads</c> in <c>/proc/&lt;pid&gt;/status</c>).</summary>
    public int Threads => (int)ReadStatusKb("Threads");

    /// <summary>Open file descriptors (sockets, pipes, files): the entries of <c>/proc/&lt;pid&gt;/fd</c>.</summary>
    public int OpenFileDescriptors
    {
        get
        {
            try
            {
                return Directory.EnumerateFileSystemEntries($"/proc/{process.Id}/fd").Count();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return 0;
            }
        }
    }

    public bool HasExited => process.HasExited;

    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Starts a new window for <see cref="TakeWindowPeakRssBytes"/>.</summary>
    public void ResetWindowPeak() => Interlocked.Exchange(ref windowPeakRssKb, ReadStatusKb("VmRSS"));

    /// <summary>The highest RSS sampled (every 50 ms) since <see cref="ResetWindowPeak"/>, in bytes.</summary>
    public long TakeWindowPeakRssBytes() => Math.Max(Interlocked.Read(ref windowPeakRssKb), ReadStatusKb("VmRSS")) * 1024;

    public string RecentOutput() => string.Join(Environment.NewLine, output);

    public async ValueTask DisposeAsync()
    {
        await stopSampling.CancelAsync();
        try
        {
            await sampling;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        stopSampling.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref outputLines);
        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref errorEntries);
        }

        output.Enqueue(line);
        while (output.Count > KeptOutputLines && output.TryDequeue(out _))
        {
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var rss = ReadStatusKb("VmRSS");
            long seen;
            do
            {
                seen = Interlocked.Read(ref windowPeakRssKb);
            }
            while (rss > seen && Interlocked.CompareExchange(ref windowPeakRssKb, rss, seen) != seen);
        }
    }

    private long ReadStatusKb(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var value = line[(field.Length + 1)..].Trim();
                    return long.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process has exited.
        }

        return 0;
    }
}
