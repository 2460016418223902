using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Bench.Insights;

/// <summary>
/// Insights on half a year of a team, seeded through the real event path (reflections and ratings
/// sent to <c>/api/messages</c> as Teams sends them), then each report asked for end to end: from
/// the facilitator's command in to the bot's "sent to your 1:1 chat" reply out.
/// <c>dotnet run -c Release --project bench/InsightsLoad -- --learners 500 --reflections 10000 --runs 100 --senders 4 [--insights off]</c>
/// </summary>
internal static class InsightsBench
{
    private static bool Explain => Environment.GetEnvironmentVariable("INSIGHTS_BENCH_EXPLAIN") == "1";
    private static readonly Uri Messages = new("/api/messages", UriKind.Relative);

    public static async Task Main(string[] args)
    {
        var options = Parse(args);
        var root = FindRoot();
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TEAMSLEARNINGBOT", Path.Combine(root, "src", "TeamsLearningBot"));
        await using var azurite = await Azurite.StartAsync(root);
        await using var teams = await FakeConnector.StartAsync();
        var tablePrefix = "b" + Guid.NewGuid().ToString("N")[..12];
        var meter = new StorageMeter(tablePrefix);
        var clock = new ShiftedClock();
        clock.MoveTo(HalfYear.MondayOf(0).AddDays(-7));
        await using var app = new BenchApp(azurite.ConnectionString, tablePrefix, meter, clock, options.Insights);
        app.UseKestrel(0);
        app.StartServer();
        using var client = app.CreateClient();
        var year = new HalfYear(app.Services, root, teams.ServiceUrl, options.Learners);
        teams.Members = [.. year.Roster.Select(p => new FakeMember { Id = p.Id!, Name = p.Name!, AadObjectId = p.AadObjectId! })];
        await year.InstallAsync(CancellationToken.None);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} logical CPUs; load average {LoadAverage()}; {options.Learners} learners; {options.Reflections} reflections over {HalfYear.Weeks} weeks; {HalfYear.Items} items, {HalfYear.Tags.Length} tags; insights sink (with the leaderboard) {(options.Insights ? "on" : "off")}"));
        var seeded = await SeedAsync(client, year, clock, teams, meter, options.Reflections, options.Senders);
        if (!options.Insights)
        {
            return;
        }

        // Reports are asked for on the Tuesday after the last seeded week.
        clock.MoveTo(HalfYear.MondayOf(HalfYear.Weeks).AddDays(1).AddHours(1));
        var reports = new (string Name, string Command)[]
        {
            ("insights", "insights"),
            ("insights <tag>", "insights " + HalfYear.Tags[3]),
            ("insights C12", "insights " + year.Content[11].Id),
            ("insights last 90 days", "insights last 90 days"),
            ("experts <tag>", "experts " + HalfYear.Tags[3]),
        };
        Console.WriteLine();
        Console.WriteLine($"Reports, {options.Runs} runs each after 3 warm-ups, asked in turn by {HalfYear.Facilitators} facilitators in the threads of the last week's cards:");
        Console.WriteLine("| report | p50 ms | p99 ms | max ms | table transactions | rows read | Insights rows read | Connector calls | failed |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var run = 0;
        foreach (var (name, text) in reports)
        {
            var times = new List<double>();
            Usage usage = default, insightsUsage = default;
            var calls = 0;
            var failed = 0;
            string? lastKinds = null;
            IReadOnlyList<TracedRequest> lastTrace = [];
            (int Run, double Ms, Runtime Runtime, IReadOnlyList<TracedRequest> Trace)? slowest = null;
            for (var i = -3; i < options.Runs; i++)
            {
                var result = await AskAsync(client, teams, meter, year.Command(text, run++));
                if (i < 0)
                {
                    continue;
                }

                if (result is null)
                {
                    failed++;
                    continue;
                }

                times.Add(result.Value.Ms);
                usage = result.Value.All;
                insightsUsage = result.Value.Insights;
                calls = result.Value.ConnectorCalls;
                if (Explain && result.Value.Kinds != lastKinds)
                {
                    Console.WriteLine($"  {text} (run {i + 1}): {result.Value.Kinds}");
                    lastKinds = result.Value.Kinds;
                }

                lastTrace = result.Value.Trace;
                if (slowest is null || result.Value.Ms > slowest.Value.Ms)
                {
                    slowest = (i + 1, result.Value.Ms, result.Value.Runtime, result.Value.Trace);
                }

                // Paced below Teams' per-conversation limits, so no run waits for a send permit.
                await Task.Delay(250);
            }

            if (Explain)
            {
                PrintTrace($"{text}, the last run's", lastTrace);
                if (slowest is { } slow)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {text}: slowest run {slow.Run} of {options.Runs}, {slow.Ms:F0} ms; during it {slow.Runtime}"));
                    PrintTrace($"{text}, the slowest run's", slow.Trace);
                }
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{name}` | {Percentile(times, 0.50):F0} | {Percentile(times, 0.99):F0} | {(times.Count > 0 ? times[^1] : double.NaN):F0} | {usage.Transactions} | {usage.Rows} | {insightsUsage.Rows} | {calls} | {failed} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {seeded} reflections; load average after: {LoadAverage()}"));
    }

    /// <summary>The half year seeded (<see cref="HalfYear.SeedAsync"/>), with what it cost in table transactions.</summary>
    private static async Task<int> SeedAsync(HttpClient client, HalfYear year, ShiftedClock clock, FakeConnector teams, StorageMeter meter, int total, int senders)
    {
        var before = meter.Read();
        var kindsBefore = meter.Kinds();
        var start = Stopwatch.GetTimestamp();

        // The thread replies the bot sent are not what is measured; keep the fake's log short.
        var (sent, failed) = await year.SeedAsync(client, clock, total, senders, teams.Reset);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var used = meter.Read();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeding: {sent} reflections in {seconds:F0} s ({sent / seconds:F0}/s, {senders} senders), {failed} failed"));
        Console.WriteLine("Request-path table transactions per reflection, by table:");
        foreach (var (table, usage) in used.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            var delta = usage - before.GetValueOrDefault(table);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-20} {(double)delta.Transactions / sent:F2}"));
        }

        Console.WriteLine("Request-path table transactions per reflection, by kind:");
        foreach (var (kind, count) in meter.Kinds().OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var delta = count - kindsBefore.GetValueOrDefault(kind);
            if (delta > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-36} {(double)delta / sent:F3}"));
            }
        }

        return sent;
    }

    private static async Task<(double Ms, Usage All, Usage Insights, int ConnectorCalls, string Kinds, IReadOnlyList<TracedRequest> Trace, Runtime Runtime)?> AskAsync(HttpClient client, FakeConnector teams, StorageMeter meter, JsonObject command)
    {
        teams.Reset();
        var thread = (string)command["conversation"]!["id"]!;
        var before = meter.Read();
        var kinds = meter.Kinds();
        meter.StartTrace();
        var runtime = Runtime.Now();
        var start = Stopwatch.GetTimestamp();
        var answered = teams.WaitForRequestAsync(
            r => r.Method == "POST" && r.Route is ["conversations", var conversation, "activities", ..] && conversation == thread && TextOf(r) == InsightsDelivery.Sent,
            TimeSpan.FromSeconds(30));
        using var content = new StringContent(command.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(Messages, content);
        try
        {
            await answered;
        }
        catch (TimeoutException)
        {
            return null;
        }

        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var during = Runtime.Now() - runtime;
        var trace = meter.StopTrace();
        var after = meter.Read();
        var used = string.Join(", ", meter.Kinds().Select(k => (k.Key, N: k.Value - kinds.GetValueOrDefault(k.Key))).Where(k => k.N > 0).OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.N}"));
        var all = after[StorageMeter.AllTables] - before.GetValueOrDefault(StorageMeter.AllTables);
        var insights = after.GetValueOrDefault(InsightsStore.TableName) - before.GetValueOrDefault(InsightsStore.TableName);
        return response.IsSuccessStatusCode ? (ms, all, insights, teams.Requests.Count, used, trace, during) : null;
    }

    /// <summary>What the runtime did while a report ran: collections, time paused for them, methods compiled, work items queued to the thread pool.</summary>
    private readonly record struct Runtime(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Compiled, TimeSpan Compiling, long WorkItems, int Threads)
    {
        public static Runtime Now() => new(
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
            System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime(), ThreadPool.CompletedWorkItemCount, ThreadPool.ThreadCount);

        public static Runtime operator -(Runtime after, Runtime before) => new(
            after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused,
            after.Compiled - before.Compiled, after.Compiling - before.Compiling, after.WorkItems - before.WorkItems, after.Threads);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"collections gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}, paused {Paused.TotalMilliseconds:F1} ms; {Compiled} methods compiled in {Compiling.TotalMilliseconds:F1} ms; {WorkItems} thread-pool work items; {Threads} pool threads");
    }

    /// <summary>
    /// When each kind of storage request of one report ran (ms from the command's post), how many,
    /// and how much they returned; kinds that overlap ran at once, kinds one after the other are
    /// the report's sequential round trips. The Connector calls (roster, sends) fill the gaps.
    /// </summary>
    private static void PrintTrace(string which, IReadOnlyList<TracedRequest> trace)
    {
        Console.WriteLine($"  {which} storage requests (ms from the command posted):");
        foreach (var kind in trace.GroupBy(t => t.Kind, StringComparer.Ordinal).OrderBy(g => g.Min(t => t.StartMs)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {kind.Min(t => t.StartMs),6:F1} → {kind.Max(t => t.EndMs),6:F1}  {kind.Key,-28} ×{kind.Count(),-3} {kind.Sum(t => t.Bytes) / 1024.0,8:F1} KB"));
        }
    }

    private static string? TextOf(RecordedRequest request) =>
        request.Body is { } body && body.TryGetProperty("text", out var text) ? text.GetString() : null;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static (int Learners, int Reflections, int Runs, int Senders, bool Insights) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["learners"] = "500", ["reflections"] = "10000", ["runs"] = "100", ["senders"] = "4", ["insights"] = "on" };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var name = args[i].TrimStart('-');
            if (!values.ContainsKey(name))
            {
                throw new ArgumentException($"Unknown option {args[i]}; use --learners N --reflections N --runs N --senders N --insights on|off.");
            }

            values[name] = args[i + 1];
        }

        static int Positive(string name, string value) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--{name} must be a positive number.");

        return (Positive("learners", values["learners"]), Positive("reflections", values["reflections"]), Positive("runs", values["runs"]), Positive("senders", values["senders"]),
            values["insights"] is "on" ? true : values["insights"] is "off" ? false : throw new ArgumentException("--insights is on or off."));
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
}
