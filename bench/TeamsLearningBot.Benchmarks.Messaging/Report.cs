using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using TeamsLearningBot.Bench;

namespace TeamsLearningBot.Benchmarks.Messaging;

/// <summary>One measured phase, with what the bot and the fake Connector did meanwhile.</summary>
internal sealed record PhaseResult(
    string Name,
    string Load,
    PhaseSamples Samples,
    int ConnectorReplies,
    int RepliesWithBotToken,
    double BotCpuCores,
    double BotCpuMicrosecondsPerActivity,
    double GeneratorCpuCores,
    long PeakRssBytes);

/// <summary>The results as markdown: the table, the targets, and how the run was made.</summary>
internal static class Report
{
    private const double SaturationTarget = 2000;
    private const double FixedRateP99TargetMs = 20;
    private const long PeakRssTargetBytes = 200L * 1024 * 1024;

    public static string Render(BenchOptions options, IReadOnlyList<PhaseResult> phases, long botPeakRssBytes, int outboundTokensIssued, string loadBefore, string loadAfter, string botAssembly)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {Machine()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average (1/5/15 min) before: {loadBefore} · after: {loadAfter}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Bot: {botAssembly}{string.Concat(options.BotEnvironment.Select(v => $" {v.Key}={v.Value}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Messages: `help` from {options.Conversations} personal chats, each with a signed RS256 channel token; warm-up {options.Warmup.TotalSeconds:0} s.");
        text.AppendLine();
        text.AppendLine("| Phase | Load | Sent | Throughput (activities/s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | Errors | Connector replies | Bot CPU (cores) | Bot CPU per activity (µs) | Generator CPU (cores) | Bot peak RSS in phase (MB) |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var phase in phases)
        {
            var s = phase.Samples;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {phase.Name} | {phase.Load} | {s.Sent} | {s.Throughput:0} | {s.PercentileMs(50):0.0} | {s.PercentileMs(90):0.0} | {s.PercentileMs(99):0.0} | {s.MaxMs:0.0} | {s.Failed}{ErrorKinds(s)} | {phase.ConnectorReplies} | {phase.BotCpuCores:0.00} | {phase.BotCpuMicrosecondsPerActivity:0} | {phase.GeneratorCpuCores:0.00} | {Mb(phase.PeakRssBytes):0} |");
        }

        foreach (var phase in phases.Where(p => p.Samples.SortedSendLags.Length > 0))
        {
            var s = phase.Samples;
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{phase.Name}: the load generator started requests late by p50 {s.SendLagPercentileMs(50):0.0} ms, p99 {s.SendLagPercentileMs(99):0.0} ms, max {s.SendLagPercentileMs(100):0.0} ms behind schedule (its own share of the latencies above: time it waited for a CPU).");
        }

        foreach (var phase in phases.Where(p => p.Samples.HeldBack > 0))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{phase.Name}: the bot fell behind; {phase.Samples.HeldBack} requests waited for the cap of {options.MaxInFlight} outstanding (their latency counts from the scheduled time).");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Bot peak RSS over the whole run (VmHWM): {Mb(botPeakRssBytes):0} MB. Outbound tokens fetched by the bot: {outboundTokensIssued}; Connector replies carrying that token: {phases.Sum(p => p.RepliesWithBotToken)} of {phases.Sum(p => p.ConnectorReplies)}.");
        text.AppendLine();
        text.AppendLine("| Target (2 cores) | Measured | Met |");
        text.AppendLine("|---|--:|---|");
        if (phases.FirstOrDefault(p => p.Name == "saturation") is { } saturation)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| ≥ {SaturationTarget:#,0} activities/s at saturation | {saturation.Samples.Throughput:#,0}/s | {YesNo(saturation.Samples.Throughput >= SaturationTarget && saturation.Samples.Failed == 0)} |");
        }

        if (phases.FirstOrDefault(p => p.Name == "fixed rate") is { } fixedRate)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| p99 < {FixedRateP99TargetMs:0} ms at {options.Rate}/s | {fixedRate.Samples.PercentileMs(99):0.0} ms | {YesNo(fixedRate.Samples.PercentileMs(99) < FixedRateP99TargetMs && fixedRate.Samples.Failed == 0)} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| peak RSS < {Mb(PeakRssTargetBytes):0} MB | {Mb(botPeakRssBytes):0} MB | {YesNo(botPeakRssBytes < PeakRssTargetBytes)} |");
        return text.ToString();
    }

    public static string LoadAverage() => BenchRepository.LoadAverage();

    private static string Machine()
    {
        var model = "unknown CPU";
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? model;
        }
        catch (IOException)
        {
            // Not Linux.
        }

        return $"{Environment.ProcessorCount} logical CPUs ({model}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string ErrorKinds(PhaseSamples samples) =>
        samples.Errors.Count == 0 ? "" : " (" + string.Join(", ", samples.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value}")) + ")";

    private static string YesNo(bool met) => met ? "yes" : "**no**";

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
