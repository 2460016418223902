using System.Globalization;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary>What one phase measured.</summary>
internal sealed record PhaseResult(
    string Name,
    int Sent,
    int Failed,
    TimeSpan Duration,
    IReadOnlyList<double> LatenciesMs,
    long RequestTransactions,
    long BackgroundTransactions,
    int CardUpdates,
    int ThreadMessages,
    TimeSpan AppCpu,
    TimeSpan StorageCpu,
    bool Settled,
    IReadOnlyDictionary<string, long> Breakdown,
    IReadOnlyDictionary<string, ContactResult> Contacts)
{
    public double Throughput => Sent / Duration.TotalSeconds;

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    public static double Percentile(IReadOnlyList<double> latenciesMs, double p)
    {
        ArgumentNullException.ThrowIfNull(latenciesMs);
        if (latenciesMs.Count == 0)
        {
            return double.NaN;
        }

        var sorted = latenciesMs.Order().ToArray();
        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public string Row() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Name} | {Sent} | {Throughput:0.0}/s | {Percentile(50):0.0} | {Percentile(90):0.0} | {Percentile(99):0.0} | {LatenciesMs.DefaultIfEmpty().Max():0} | {Failed} | {(double)RequestTransactions / Sent:0.00} | {(double)BackgroundTransactions / Sent:0.00} | {100.0 * CardUpdates / Sent:0.0} | {100.0 * ThreadMessages / Sent:0.0} | {AppCpu.TotalMilliseconds / Sent:0.00} | {StorageCpu.TotalMilliseconds / Sent:0.00} |{(Settled ? string.Empty : " not settled")}");

    /// <summary>One line per kind of request-path transaction, most frequent first.</summary>
    public string BreakdownRows() => string.Join(
        Environment.NewLine,
        Breakdown.Where(k => k.Value > 0).OrderByDescending(k => k.Value).Select(k => string.Create(CultureInfo.InvariantCulture, $"  {(double)k.Value / Sent,5:0.00}  {k.Key}")));

    /// <summary>One line per kind of contact: how many, request-path table transactions each, p50 and p99.</summary>
    public string ContactRows() => string.Join(
        Environment.NewLine,
        Contacts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(
            CultureInfo.InvariantCulture,
            $"  {c.Key}: {c.Value.Sent} reflections, {(double)c.Value.Transactions / Math.Max(1, c.Value.Sent):0.00} table transactions each (request path), p50 {Percentile(c.Value.LatenciesMs, 50):0.0} ms, p99 {Percentile(c.Value.LatenciesMs, 99):0.0} ms")));

    public static string Header =>
        "| phase | reflections | achieved | p50 ms | p90 ms | p99 ms | max ms | failed | table tx/reflection (request) | table tx/reflection (refresher) | card updates /100 | thread messages /100 | app CPU ms/reflection | Azurite CPU ms/reflection |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
}

/// <summary>What one kind of contact (a learner's first reflection, or a later one) measured in a phase.</summary>
internal sealed record ContactResult(int Sent, long Transactions, IReadOnlyList<double> LatenciesMs);
