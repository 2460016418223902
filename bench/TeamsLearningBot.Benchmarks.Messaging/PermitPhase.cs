using System.Diagnostics;
using System.Globalization;
using System.Text;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Benchmarks.Messaging;

/// <summary>One message of a run under Teams' limits: when it was due, how the bot answered and how soon, and when its reply reached Teams.</summary>
internal sealed record PermitSample(int Conversation, DateTimeOffset Scheduled, TimeSpan Answer, string Outcome)
{
    public TimeSpan? Reply { get; set; }
}

/// <summary>
/// With Teams' limits left on (<c>--teams-limits on</c>): messages at a fixed rate from a few
/// conversations, measuring both what Teams waits for (the HTTP answer: 200 when the turn was
/// done, 202 once <c>AcknowledgeAfter</c> passed while the reply waited for a permit) and what
/// the person waits for (the reply reaching the Connector). Replies are matched to messages per
/// conversation in order, since the app's limiter serves waiting calls first come, first served.
/// </summary>
internal static class PermitPhase
{
    /// <summary>Teams gives up on a request after this and delivers the activity again.</summary>
    public static readonly TimeSpan TeamsTimeout = TimeSpan.FromSeconds(15);

    public static async Task<PermitResult> RunAsync(string name, LoadGenerator load, FakeConnector connector, int conversations, int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        connector.Reset();
        var total = checked((int)Math.Round(rate * duration.TotalSeconds));
        var samples = new PermitSample[total];
        var tasks = new Task[total];
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        var startedAt = DateTimeOffset.UtcNow;
        var start = Stopwatch.GetTimestamp();
        var next = 0;
        while (next < total && !cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            while (next < total && start + (long)(next * ticksPerRequest) <= now)
            {
                var i = next++;
                var scheduled = start + (long)(i * ticksPerRequest);
                tasks[i] = SendAsync(i, scheduled);
            }

            await Task.Delay(1, CancellationToken.None);
        }

        await Task.WhenAll(tasks.Take(next));
        var sent = samples.Take(next).ToArray();

        // The replies still waiting for permits go out at the app's 50 a second.
        var expected = sent.Length;
        var patience = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(30 + (expected / 50.0 * 2));
        while (Replies(connector).Values.Sum(r => r.Count) < expected && patience.Elapsed < limit && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(200, CancellationToken.None);
        }

        // A reply sent twice would come late; give it time to show up.
        await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
        var replies = Replies(connector);
        var extra = 0;
        foreach (var conversation in sent.GroupBy(s => s.Conversation))
        {
            var ordered = conversation.OrderBy(s => s.Scheduled).ToList();
            var arrived = replies.GetValueOrDefault(Activities.ConversationId(conversation.Key)) ?? [];
            for (var k = 0; k < Math.Min(ordered.Count, arrived.Count); k++)
            {
                ordered[k].Reply = arrived[k] - ordered[k].Scheduled;
            }

            extra += Math.Max(0, arrived.Count - ordered.Count);
        }

        return new PermitResult(name, rate, duration, conversations, sent, replies.Values.Sum(r => r.Count), extra);

        async Task SendAsync(int i, long scheduled)
        {
            var index = i % conversations;
            var due = startedAt + Stopwatch.GetElapsedTime(start, scheduled);
            var outcome = await load.SendToAsync(index, CancellationToken.None);
            samples[i] = new PermitSample(index, due, Stopwatch.GetElapsedTime(scheduled), outcome);
        }
    }

    private static Dictionary<string, List<DateTimeOffset>> Replies(FakeConnector connector) =>
        connector.Requests
            .Where(r => r.Method == "POST" && r.Succeeded && r.Route is ["conversations", _, "activities"])
            .GroupBy(r => r.ConversationId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.ReceivedAt).Order().ToList(), StringComparer.Ordinal);
}

/// <summary>What one phase under Teams' limits measured.</summary>
internal sealed record PermitResult(string Name, int Rate, TimeSpan Duration, int Conversations, PermitSample[] Samples, int Replies, int ExtraReplies)
{
    public int Count(string outcome) => Samples.Count(s => s.Outcome == outcome);

    public int Errors => Samples.Count(s => s.Outcome is not ("200" or "202"));

    public TimeSpan LongestAnswer => Samples.Length == 0 ? TimeSpan.Zero : Samples.Max(s => s.Answer);

    public int Unreplied => Samples.Count(s => s.Reply is null);

    public static string Render(IReadOnlyList<PermitResult> phases)
    {
        var text = new StringBuilder();
        text.AppendLine("| Phase | Load | Sent | Answered 200 | Answered 202 | Other answers | Answer p50 / p99 / max (ms) | Replies | Reply p50 / p99 / max (s) |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var p in phases)
        {
            var answers = p.Samples.Select(s => s.Answer.TotalMilliseconds).Order().ToArray();
            var replies = p.Samples.Where(s => s.Reply is not null).Select(s => s.Reply!.Value.TotalSeconds).Order().ToArray();
            var others = string.Join(", ", p.Samples.Where(s => s.Outcome is not ("200" or "202")).GroupBy(s => s.Outcome).Select(g => $"{g.Key}: {g.Count()}"));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Name} | {p.Rate}/s from {p.Conversations} chats, {p.Duration.TotalSeconds:0} s | {p.Samples.Length} | {p.Count("200")} | {p.Count("202")} | {(others.Length == 0 ? "0" : others)} | {Rank(answers, 50):0} / {Rank(answers, 99):0} / {Rank(answers, 100):0} | {p.Replies}{(p.ExtraReplies > 0 ? $" ({p.ExtraReplies} too many)" : "")} | {Rank(replies, 50):0.0} / {Rank(replies, 99):0.0} / {Rank(replies, 100):0.0} |");
        }

        text.AppendLine();
        text.AppendLine("| Target | Measured | Met |");
        text.AppendLine("|---|--:|---|");
        var longest = phases.Count == 0 ? TimeSpan.Zero : phases.Max(p => p.LongestAnswer);
        text.AppendLine(CultureInfo.InvariantCulture, $"| no request waits longer than Teams' {PermitPhase.TeamsTimeout.TotalSeconds:0} s | longest answer {longest.TotalSeconds:0.00} s | {(longest < PermitPhase.TeamsTimeout ? "yes" : "**no**")} |");
        var sent = phases.Sum(p => p.Samples.Length);
        var unreplied = phases.Sum(p => p.Unreplied);
        var extra = phases.Sum(p => p.ExtraReplies);
        text.AppendLine(CultureInfo.InvariantCulture, $"| every message replied to once | {sent - unreplied} of {sent} replied, {extra} replies too many | {(unreplied == 0 && extra == 0 ? "yes" : "**no**")} |");
        var errors = phases.Sum(p => p.Errors);
        text.AppendLine(CultureInfo.InvariantCulture, $"| every request answered 200 or 202 | {errors} other answers | {(errors == 0 ? "yes" : "**no**")} |");
        return text.ToString();
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
