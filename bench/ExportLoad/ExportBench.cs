using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Bench.Export;

/// <summary>
/// The CSV export of a large team: reflections seeded on Azurite, then exported over HTTP from the
/// app on Kestrel (the tab's <c>/api/tab/teams/{teamId}/export.csv</c>, signed in with the
/// Development scheme), the body read as it streams. Peak managed heap and RSS are sampled every
/// 10 ms during each export; a small export first shows whether memory grows with the rows.
/// <c>dotnet run -c Release --project bench/ExportLoad -- --reflections 100000 --cards 100 --items 20 --participants 200</c>
/// </summary>
internal static class ExportBench
{
    public static async Task Main(string[] args)
    {
        var reflections = Option(args, "--reflections", 100_000);
        var cards = Option(args, "--cards", 100);
        var items = Option(args, "--items", 20);
        var participants = Option(args, "--participants", 200);
        var root = FindRoot();
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TEAMSLEARNINGBOT", Path.Combine(root, "src", "TeamsLearningBot"));
        await using var azurite = await Azurite.StartAsync(root);
        await using var app = new BenchApp(azurite.ConnectionString, "x" + Guid.NewGuid().ToString("N")[..12]);
        app.UseKestrel(0);
        app.StartServer();
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(30);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Development", $"{Seeder.TenantId} {Seeder.FacilitatorAad}");

        var seeding = Stopwatch.StartNew();
        await new Seeder(app.Services, reflections, cards, items, participants).SeedAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} logical CPUs; load average {LoadAverage()}; seeded {reflections:N0} reflections on {cards} cards of {items} items ({participants} rated participants a card) in {seeding.Elapsed.TotalSeconds:0} s"));

        var since = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-120).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = $"/api/tab/teams/{Uri.EscapeDataString(Seeder.TeamId)}/export.csv?period=" + Uri.EscapeDataString("since " + since);
        // Azurite's own rate in this run, without the app: the same card partitions read straight from storage, one query after another.
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var raw = await RawRates.MeasureAsync(app.Services, azurite, cards, today.AddDays(-120), today.AddDays(1), CancellationToken.None);
        var results = new List<Result>
        {
            // Warm-up (JIT, connections), not reported.
            await ExportAsync(client, azurite, "warm-up", path + "&item=" + ContentIds.Format(1)),
            await ExportAsync(client, azurite, $"one item ({reflections / items:N0})", path + "&item=" + ContentIds.Format(2)),
            await ExportAsync(client, azurite, $"whole team ({reflections:N0})", path),
            await ExportAsync(client, azurite, $"whole team again", path),
        };

        Console.WriteLine();
        Console.WriteLine("| export | rows | MB | seconds | rows/s | managed heap before → peak (MB) | RSS before → peak (MB) | CPU s: app / Azurite |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results.Skip(1))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Rows:N0} | {r.Bytes / 1e6:0.0} | {r.Seconds:0.0} | {r.Rows / r.Seconds:N0} | {r.HeapBefore / 1e6:0} → {r.HeapPeak / 1e6:0} | {r.RssBefore / 1e6:0} → {r.RssPeak / 1e6:0} | {r.AppCpu:0.0} / {r.AzuriteCpu:0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Azurite alone (the same partitions read with the storage client, no app, no CSV):");
        Console.WriteLine();
        Console.WriteLine("| read | query pages | rows | seconds | reflections/s | Azurite CPU s | Azurite CPU ms a page |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in raw)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Queries:N0} | {r.Rows:N0} | {r.Seconds:0.0} | {r.Reflections / r.Seconds:N0} | {r.AzuriteCpu:0.0} | {r.AzuriteCpu * 1000 / r.Queries:0.0} |"));
        }

        var whole = results.Where(r => r.Name.StartsWith("whole team", StringComparison.Ordinal)).Max(r => r.Rows / r.Seconds);
        var sequential = raw.Single(r => r.Name == RawRates.Sequential).Reflections / raw.Single(r => r.Name == RawRates.Sequential).Seconds;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best whole-team export {whole:N0} rows/s = {whole / sequential:0.00} × Azurite's one-query-at-a-time rate ({sequential:N0} reflections/s) in this run"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average after: {LoadAverage()}; Azurite CPU {azurite.CpuTime.TotalSeconds:0} s"));
    }

    private static async Task<Result> ExportAsync(HttpClient client, Azurite azurite, string name, string path)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(false);
        var rssBefore = Environment.WorkingSet;
        long heapPeak = heapBefore, rssPeak = rssBefore;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                rssPeak = Math.Max(rssPeak, Environment.WorkingSet);
                await Task.Delay(10, CancellationToken.None);
            }
        });

        var appCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var storageCpu = azurite.CpuTime;
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long bytes = 0, records = 0;
        var quoted = false;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            // Records end at a line feed outside quotes (RFC 4180; a doubled quote flips twice).
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (buffer[i] == (byte)'\n' && !quoted)
                {
                    records++;
                }
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        return new Result(name, records - 1, bytes, seconds, heapBefore, heapPeak, rssBefore, rssPeak,
            (Process.GetCurrentProcess().TotalProcessorTime - appCpu).TotalSeconds, (azurite.CpuTime - storageCpu).TotalSeconds);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeamsLearningBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository.");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private sealed record Result(string Name, long Rows, long Bytes, double Seconds, long HeapBefore, long HeapPeak, long RssBefore, long RssPeak, double AppCpu, double AzuriteCpu);
}
