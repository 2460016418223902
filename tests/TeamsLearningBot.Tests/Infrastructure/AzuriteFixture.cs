using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

[assembly: AssemblyFixture(typeof(TeamsLearningBot.Tests.Infrastructure.AzuriteFixture))]

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>
/// Real Azure Table and Queue storage for the test run: Azurite from the repository's
/// node_modules, in memory, on free loopback ports, stopped when the run ends.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly List<Process> processes = [];

    public int TablePort { get; private set; }

    public int QueuePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    /// <summary>The connection string with table requests sent to <paramref name="port"/> (a <c>FaultProxy</c> in front of the table service).</summary>
    public string WithTablesAt(int port) => ConnectionString.Replace($"127.0.0.1:{TablePort}/", $"127.0.0.1:{port}/", StringComparison.Ordinal);

    /// <summary>The connection string with queue requests sent to <paramref name="port"/> (a <c>FaultProxy</c> in front of the queue service).</summary>
    public string WithQueuesAt(int port) => ConnectionString.Replace($"127.0.0.1:{QueuePort}/", $"127.0.0.1:{port}/", StringComparison.Ordinal);

    public async ValueTask InitializeAsync()
    {
        TablePort = FreePort();
        QueuePort = FreePort();
        // Side by side: each is a node process that takes a moment to load.
        await Task.WhenAll(StartAsync("table", TablePort), StartAsync("queue", QueuePort));
    }

    public ValueTask DisposeAsync()
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

        return ValueTask.CompletedTask;
    }

    /// <summary>A table prefix unique to one test, so tests never see each other's data.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    private async Task StartAsync(string service, int port)
    {
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", service, "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run `npm ci` in {RepositoryRoot.Path}.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        processes.Add(process);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        // Generous: on a loaded 2-core machine node alone can take many seconds to start.
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite {service} exited with code {process.ExitCode}: {string.Join(Environment.NewLine, errors)}");
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

        throw new TimeoutException($"Azurite {service} did not listen on port {port} within 90 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
