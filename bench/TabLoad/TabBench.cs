using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeamsLearningBot.Bench.Insights;
using TeamsLearningBot.Tab;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Bench.Tab;

/// <summary>
/// The Insights tab on half a year of a 500-person team (bench/Shared/HalfYear.cs, seeded through
/// <c>/api/messages</c>): the tab's data API timed request by request, then the team tab's page in
/// headless Debian Chromium: bytes transferred with all its assets, and how long until it shows.
/// Signed in with the development sign-in (the app runs in Development). Stops by itself.
/// <c>dotnet run -c Release --project bench/TabLoad -- --learners 500 --reflections 10000 --runs 30 --loads 10</c>
/// </summary>
internal static class TabBench
{
    private const string ChromiumPath = "/usr/bin/chromium";

    public static async Task Main(string[] args)
    {
        var options = Parse(args);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}: apt-get install -y chromium (./test.sh installs it).");
        }

        var root = FindRoot();
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TEAMSLEARNINGBOT", Path.Combine(root, "src", "TeamsLearningBot"));
        await using var azurite = await Azurite.StartAsync(root);
        await using var teams = await FakeConnector.StartAsync();
        var clock = new ShiftedClock();
        clock.MoveTo(HalfYear.MondayOf(0).AddDays(-7));
        var tablePrefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var meter = new StorageMeter(tablePrefix);
        await using var app = new BenchApp(azurite.ConnectionString, tablePrefix, meter, clock);
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var client = app.CreateClient();
        var year = new HalfYear(app.Services, root, teams.ServiceUrl, options.Learners);
        teams.Members = [.. year.Roster.Select(p => new FakeMember { Id = p.Id!, Name = p.Name!, AadObjectId = p.AadObjectId! })];
        await year.InstallAsync(CancellationToken.None);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} logical CPUs; {Load()}; {options.Learners} learners, {HalfYear.Facilitators} of them facilitators; {options.Reflections} reflections over {HalfYear.Weeks} weeks; {HalfYear.Items} items, {HalfYear.Tags.Length} tags"));
        var start = Stopwatch.GetTimestamp();
        var (sent, failed) = await year.SeedAsync(client, clock, options.Reflections, senders: 4, teams.Reset);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {sent} reflections through /api/messages in {Stopwatch.GetElapsedTime(start).TotalSeconds:F0} s, {failed} failed; {Load()}"));

        // The tab is opened on the Tuesday after the last seeded week.
        clock.MoveTo(HalfYear.MondayOf(HalfYear.Weeks).AddDays(1).AddHours(1));
        var team = Uri.EscapeDataString(HalfYear.TeamId);
        var asks = new (string Name, string Path)[]
        {
            ("insights (default: last 30 days)", $"/api/tab/teams/{team}/insights"),
            ("insights last 12 weeks", $"/api/tab/teams/{team}/insights?period={Uri.EscapeDataString("last 12 weeks")}"),
            ("insights tag " + HalfYear.Tags[3], $"/api/tab/teams/{team}/insights?tag={HalfYear.Tags[3]}"),
            ("insights/view last 4 weeks (the page's HTML)", $"/api/tab/teams/{team}/insights/view?period={Uri.EscapeDataString("last 4 weeks")}"),
            ("me (a regular contributor)", "/api/tab/me"),
        };
        Console.WriteLine();
        Console.WriteLine($"Tab data API, {options.Runs} sequential requests each after 3 warm-ups, by the {HalfYear.Facilitators} facilitators in turn (they are also the most regular contributors):");
        Console.WriteLine("| request | p50 ms | p99 ms | max ms | bytes | failed | table requests | rows read | KB read | load average (1/5/15 min) after |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var run = 0;
        foreach (var (name, path) in asks)
        {
            var times = new List<double>();
            var failures = 0;
            long bytes = 0;
            Usage used = default;
            double read = 0;
            for (var i = -3; i < options.Runs; i++)
            {
                var user = year.Roster[run++ % HalfYear.Facilitators];
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                request.Headers.Authorization = new AuthenticationHeaderValue(TabSignIn.DevelopmentScheme, $"{HalfYear.TenantId} {user.AadObjectId}");
                var storage = meter.Read().GetValueOrDefault(StorageMeter.AllTables);
                meter.StartTrace();
                var began = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                var ms = Stopwatch.GetElapsedTime(began).TotalMilliseconds;

                // Table requests, rows and bytes of the last run (they do not depend on the machine's load).
                var traced = meter.StopTrace();
                used = meter.Read().GetValueOrDefault(StorageMeter.AllTables) - storage;
                read = traced.Sum(t => t.Bytes) / 1024.0;
                if (i < 0)
                {
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    failures++;
                    continue;
                }

                times.Add(ms);
                bytes = body.Length;
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{name}` | {Percentile(times, 0.50):F0} | {Percentile(times, 0.99):F0} | {(times.Count > 0 ? times[^1] : double.NaN):F0} | {bytes:N0} | {failures} | {used.Transactions} | {used.Rows} | {read:N0} | {LoadAverages()} |"));
        }

        await PageAsync(baseUrl, year, options.Loads);
    }

    /// <summary>The team tab's page: what one cold load transfers, then first render over cold and warm loads.</summary>
    private static async Task PageAsync(string baseUrl, HalfYear year, int loads)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var facilitator = year.Roster[0];
        var url = $"{baseUrl}/tab/insights.html?tenant={HalfYear.TenantId}&user={facilitator.AadObjectId}&name={Uri.EscapeDataString(facilitator.Name!)}"
            + $"&team={Uri.EscapeDataString(HalfYear.TeamId)}&period={Uri.EscapeDataString("last 4 weeks")}";

        // One warm-up load (the app's first render of the view and Kestrel's first static files), not counted.
        await using (var warmup = await browser.NewContextAsync())
        {
            await LoadAsync(await warmup.NewPageAsync(), url);
        }

        Console.WriteLine();
        Console.WriteLine("Team tab page (insights.html, last 4 weeks), one cold load (empty cache), bytes as Chromium's resource timing reports them (transferSize: headers + body as sent, compressed where the app compresses):");
        Console.WriteLine("| resource | transferred bytes | body as sent | body decoded |");
        Console.WriteLine("|---|---:|---:|---:|");
        await using (var cold = await browser.NewContextAsync())
        {
            var page = await cold.NewPageAsync();
            await LoadAsync(page, url);
            var entries = await page.EvaluateAsync<JsonElement>(
                "() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map(e => ({ name: e.name, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize }))");
            long transfer = 0, encoded = 0, decoded = 0;
            foreach (var e in entries.EnumerateArray())
            {
                var name = new Uri(e.GetProperty("name").GetString()!).AbsolutePath;
                var t = e.GetProperty("transfer").GetInt64();
                var b = e.GetProperty("encoded").GetInt64();
                var d = e.GetProperty("decoded").GetInt64();
                transfer += t;
                encoded += b;
                decoded += d;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{Shorten(name)}` | {t:N0} | {b:N0} | {d:N0} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **all** | **{transfer:N0}** ({transfer / 1024.0:F1} KB) | {encoded:N0} | {decoded:N0} |"));
            Console.WriteLine($"load average after: {LoadAverages()}");
        }

        var coldTimes = new List<(double Fcp, double Shown, double Wall)>();
        for (var i = 0; i < loads; i++)
        {
            await using var context = await browser.NewContextAsync();
            coldTimes.Add(await LoadAsync(await context.NewPageAsync(), url));
        }

        var warmTimes = new List<(double Fcp, double Shown, double Wall)>();
        await using (var warm = await browser.NewContextAsync())
        {
            await LoadAsync(await warm.NewPageAsync(), url);
            for (var i = 0; i < loads; i++)
            {
                var page = await warm.NewPageAsync();
                warmTimes.Add(await LoadAsync(page, url));
                await page.CloseAsync();
            }
        }

        Console.WriteLine();
        Console.WriteLine($"First render, {loads} loads each (ms from navigation start, the page's own clock; wall: Playwright's goto until the charts are in the page):");
        Console.WriteLine("| loads | first contentful paint p50 / max | charts shown p50 / max | wall p50 / max | load average (1/5/15 min) after |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (name, times) in new[] { ("cold (new browser context, empty cache)", coldTimes), ("warm (same context: TeamsJS cached, the rest revalidated)", warmTimes) })
        {
            var fcp = times.Select(t => t.Fcp).Order().ToList();
            var shown = times.Select(t => t.Shown).Order().ToList();
            var wall = times.Select(t => t.Wall).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Percentile(fcp, 0.5):F0} / {fcp[^1]:F0} | {Percentile(shown, 0.5):F0} / {shown[^1]:F0} | {Percentile(wall, 0.5):F0} / {wall[^1]:F0} | {LoadAverages()} |"));
        }
    }

    /// <summary>Opens the page until its charts are in it: first contentful paint, charts shown (page clock), and the wall time.</summary>
    private static async Task<(double Fcp, double Shown, double Wall)> LoadAsync(IPage page, string url)
    {
        var began = Stopwatch.GetTimestamp();
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("body[data-loaded='true'] svg.chart", new() { Timeout = 60_000 });
        var shown = await page.EvaluateAsync<double>("() => performance.now()");
        var wall = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
        var fcp = await page.EvaluateAsync<double>("() => (performance.getEntriesByName('first-contentful-paint')[0] || { startTime: NaN }).startTime");
        return (fcp, shown, wall);
    }

    private static string Shorten(string path) =>
        path.StartsWith("/api/tab/teams/", StringComparison.Ordinal) ? "/api/tab/teams/{id}/insights/view" : path;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string LoadAverages() => File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Load() => "load average " + LoadAverages();

    private static (int Learners, int Reflections, int Runs, int Loads) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["learners"] = "500", ["reflections"] = "10000", ["runs"] = "30", ["loads"] = "10" };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var name = args[i].TrimStart('-');
            if (!values.ContainsKey(name))
            {
                throw new ArgumentException($"Unknown option {args[i]}; use --learners N --reflections N --runs N --loads N.");
            }

            values[name] = args[i + 1];
        }

        static int Positive(string name, string value) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--{name} must be a positive number.");

        return (Positive("learners", values["learners"]), Positive("reflections", values["reflections"]), Positive("runs", values["runs"]), Positive("loads", values["loads"]));
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
}
