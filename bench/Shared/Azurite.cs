using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TeamsLearningBot.Bench;

/// <summary>
/// Azurite's table and queue services from the repository's node_modules, in memory, on free
/// loopback ports: the storage every benchmark runs against. Compiled into each benchmark project.
/// </summary>
internal sealed class Azurite : IDisposable, IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly List<Process> processes = [];

    private Azurite(int tablePort, int queuePort)
    {
        TablePort = tablePort;
        QueuePort = queuePort;
    }

    public int TablePort { get; }

    public int QueuePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    /// <summary>CPU time Azurite has used so far (both services).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            var total = TimeSpan.Zero;
            foreach (var process in processes)
            {
                process.Refresh();
                total += process.TotalProcessorTime;
            }

            return total;
        }
    }

    public static async Task<Azurite> StartAsync(string repositoryRoot)
    {
        var azurite = new Azurite(FreePort(), FreePort());
        try
        {
            await azurite.StartAsync(repositoryRoot, "table", azurite.TablePort);
            await azurite.StartAsync(repositoryRoot, "queue", azurite.QueuePort);
            return azurite;
        }
        catch
        {
            azurite.Dispose();
            throw;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="process"/> listens on <paramref name="port"/>; fails at once if it exits.</summary>
    public static async Task WaitForPortAsync(int port, Process process, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited with code {process.ExitCode}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{what} did not listen on port {port} within {timeout.TotalSeconds:0} s.");
    }

    public void Dispose()
    {
        foreach (var process in processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        processes.Clear();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StartAsync(string repositoryRoot, string service, int port)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", service, "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run `npm ci` in {repositoryRoot}.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(CultureInfo.InvariantCulture),
                "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        processes.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForPortAsync(port, process, $"Azurite {service}", TimeSpan.FromSeconds(60));
    }
}
