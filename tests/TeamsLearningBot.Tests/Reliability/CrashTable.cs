using System.Globalization;
using System.Text;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>One row of a crash table: a piece of work stopped at its Nth storage request (before it left, or after storage applied it).</summary>
internal sealed record CrashCase(int Number, int CrashAt, CrashMoment Moment)
{
    public override string ToString() => $"#{Number} crash {(Moment == CrashMoment.BeforeRequest ? "before" : "after")} request {CrashAt}";
}

/// <summary>
/// Runs one kind of work once cleanly to count its storage requests, then once per crash point —
/// before and after each request, N = 1..the count observed — each on subjects of its own (so the
/// cases run side by side and are checked one by one), then lets Teams or the queue deliver each
/// again and checks it: nothing lost, nothing doubled. The points come from the clean run, so the
/// table follows the code when its number of writes changes.
/// </summary>
internal sealed class CrashTable
{
    /// <summary>The number of the piece of work run first and not counted (the process warming up).</summary>
    public const int WarmUp = -1;

    private readonly List<string> lines = [];

    /// <summary>The clean run's storage requests and Connector calls, in order.</summary>
    public IReadOnlyList<string> CleanSteps { get; private set; } = [];

    public IReadOnlyList<CrashCase> Cases { get; private set; } = [];

    /// <summary>
    /// <paramref name="act"/> does the work for a case (number 0 is the clean run) and returns what
    /// the app answered; <paramref name="settle"/> runs once after every crash (e.g. waits out
    /// leases); <paramref name="redeliver"/> delivers a case's work again as Teams or the queue
    /// would; <paramref name="check"/> lists what is wrong with a case's outcome (nothing when it
    /// is right). Returns the problems of every case, and writes the table to the test output.
    /// </summary>
    public async Task<IReadOnlyList<string>> RunAsync(
        string title,
        Func<int, Task> prepare,
        Func<int, Task<string>> act,
        Func<Task> settle,
        Func<CrashCase, Task> redeliver,
        Func<int, Task<IReadOnlyList<string>>> check,
        int parallelism = 8)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(act);
        ArgumentNullException.ThrowIfNull(settle);
        ArgumentNullException.ThrowIfNull(redeliver);
        ArgumentNullException.ThrowIfNull(check);

        // The first piece of work of a process creates tables and fills caches; the clean run is the second.
        await prepare(WarmUp);
        await act(WarmUp);
        await prepare(0);
        string cleanAnswer;
        using (var clean = CrashPoints.Track())
        {
            cleanAnswer = await act(0);
            CleanSteps = clean.Steps;
            Assert.False(clean.Crashed);
        }

        var storage = CleanSteps.Where(s => !s.StartsWith("Teams ", StringComparison.Ordinal)).ToList();
        var count = storage.Count;
        Assert.True(count > 0, "The clean run made no storage requests: the crash points are not wired in.");

        // After a read, stopping is the same as stopping before the next request: only writes get both.
        Cases = [.. storage.Select((s, i) => (N: i + 1, Write: !s.StartsWith("GET ", StringComparison.Ordinal)))
            .SelectMany(p => p.Write ? new[] { (p.N, CrashMoment.BeforeRequest), (p.N, CrashMoment.AfterRequest) } : [(p.N, CrashMoment.BeforeRequest)])
            .Select((p, i) => new CrashCase(i + 1, p.Item1, p.Item2))];
        lines.Add($"{title}: {count} storage requests in a clean run (answered {cleanAnswer}); {Cases.Count} crash points");
        lines.Add("clean run: " + string.Join(" → ", CleanSteps));

        foreach (var c in Cases)
        {
            await prepare(c.Number);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = new (string Answer, string? At)[Cases.Count + 1];
        await ForEachAsync(Cases, parallelism, async c =>
        {
            using var work = CrashPoints.Track(c.CrashAt, c.Moment);
            var answer = await act(c.Number);
            outcomes[c.Number] = (answer, work.Crashed ? work.CrashedAt : null);
        });

        var crashed = clock.Elapsed;
        await settle();
        await ForEachAsync(Cases, parallelism, redeliver);
        var redelivered = clock.Elapsed;

        var problems = new List<string>();
        var checks = new IReadOnlyList<string>[Cases.Count + 1];
        problems.AddRange((await check(WarmUp)).Select(p => "warm-up run: " + p));
        checks[0] = await check(0);
        await ForEachAsync(Cases, parallelism, async c => checks[c.Number] = await check(c.Number));
        problems.AddRange(checks[0].Select(p => "clean run: " + p));
        foreach (var c in Cases)
        {
            var (answer, at) = outcomes[c.Number];
            var verdict = checks[c.Number].Count == 0 ? "ok" : string.Join("; ", checks[c.Number]);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{c,-32} at {at ?? "(not reached this time)",-40} answered {answer,-4} → {verdict}"));
            problems.AddRange(checks[c.Number].Select(p => $"{c} ({at}): {p}"));
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"crashes {crashed.TotalSeconds:F1} s, redeliveries {(redelivered - crashed).TotalSeconds:F1} s, checks {(clock.Elapsed - redelivered).TotalSeconds:F1} s"));
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(ToString());
        return problems;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    private static Task ForEachAsync(IEnumerable<CrashCase> cases, int parallelism, Func<CrashCase, Task> body) =>
        Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = TestContext.Current.CancellationToken }, async (c, _) => await body(c));
}
