using System.Collections.Concurrent;
using System.Globalization;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Nudges;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Insights;
using TeamsLearningBot.Tests.Nudges;
using static TeamsLearningBot.Tests.Reliability.CrashChecks;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>
/// A nudge worker taking one person's job from the nudges queue and delivering it (decide, reserve
/// the week's nudge with its record, open the 1:1 chat, send, record it sent, log it for the team,
/// delete the message), stopped at every storage request of a clean run (<see cref="CrashTable"/>);
/// then the queue delivers the message again once its visibility timeout has run out, every other
/// time to a second instance that remembers nothing, until the queue is empty. Each case is a
/// learner of their own: exactly one nudge in their 1:1 chat and recorded as sent (and logged for
/// the team's `nudges` count) — or none, when the worker stopped between its claim and Teams'
/// answer: then recorded as unconfirmed and never sent twice; the week's count holds it once.
/// </summary>
public sealed class NudgeCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(2);
    private readonly CrashPoints crash = new();
    private readonly ConcurrentDictionary<int, QueueMessage> messages = new();
    private NudgesHost host = null!;
    private BotApplicationFactory twin = null!;

    public async ValueTask InitializeAsync()
    {
        host = await NudgesHost.StartAsync(azurite, members: 80, configure: app => crash.Register(app).WithSetting("Nudges:RetryDelay", "00:00:01"));
        twin = host.Host.AddInstance(refresher: false).WithTime(host.Time).WithSetting("Nudges:RetryDelay", "00:00:01");
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_nudge_stopped_at_any_storage_request_is_sent_once_or_recorded_unconfirmed_after_the_queue_redelivers_it()
    {
        var table = new CrashTable();
        var problems = await table.RunAsync(
            "nudge job (one person)",
            prepare: async n => messages[n] = await EnqueueAndReceiveAsync(host.Job(Learner(n))),
            act: async n =>
            {
                try
                {
                    return (await host.ProcessAsync(messages[n])).ToString();
                }
                catch (Azure.RequestFailedException)
                {
                    return "died";
                }
            },
            settle: WorkTheQueueAsync,
            redeliver: _ => Task.CompletedTask,
            check: n => EventuallyAsync(() => CheckAsync(n)));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Environment.NewLine + table);
    }

    private static int Learner(int n) => 10 + n;

    private async Task<QueueMessage> EnqueueAndReceiveAsync(NudgeJob job)
    {
        var ct = TestContext.Current.CancellationToken;
        var queue = host.Get<NudgeJobMessages>();
        await queue.EnqueueAsync(job, ct);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await queue.ReceiveAsync(1, Visibility, ct)) is [var message])
            {
                return message;
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException("The nudge job did not come off the queue.");
    }

    // As the queue and the workers would: once a message's visibility timeout (and a crashed claim's
    // age) has passed, it comes back; workers of either instance take it until the queue is empty.
    private async Task WorkTheQueueAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var queue = host.Get<NudgeJobMessages>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var turn = 0;
        while (await host.QueuedAsync() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The nudges queue did not empty.");
            host.Time.Advance(host.Get<Microsoft.Extensions.Options.IOptions<NudgeOptions>>().Value.VisibilityTimeout + TimeSpan.FromSeconds(1));
            await Task.Delay(Visibility + TimeSpan.FromMilliseconds(200), ct);
            foreach (var message in await queue.ReceiveAsync(32, Visibility, ct))
            {
                await host.ProcessAsync(message, turn++ % 2 == 0 ? host.Host.App : twin);
            }
        }
    }

    private async Task<IReadOnlyList<string>> CheckAsync(int n)
    {
        var ct = TestContext.Current.CancellationToken;
        var problems = new List<string>();
        var learner = Learner(n);
        var job = host.Job(learner);
        var key = host.Key(learner);
        var store = host.Get<NudgeStore>();
        var record = await store.GetRecordAsync(key, NudgeRecord.RowFor(job.TeamId, job.DropNumber, job.OccurrenceId), ct);
        ExpectOnce(problems, host.PersonalMessages(learner).Count, $"nudges to learner {learner.ToString(CultureInfo.InvariantCulture)}", record?.State == NudgeStates.Unconfirmed);
        if (record?.State is not (NudgeStates.Sent or NudgeStates.Unconfirmed))
        {
            problems.Add($"the nudge's record is {record?.State ?? "missing"}");
        }

        var state = await store.GetStateAsync(key, ct);
        Expect(problems, 1, state?.WeekCount ?? 0, "nudges counted in the week");
        if (record?.State == NudgeStates.Sent
            && !(await store.LogSinceAsync(job.TeamId, NudgesHost.WeekOf(host.Time.GetUtcNow()), ct)).Any(r => r.RowKey == record.LogRow))
        {
            problems.Add("sent, but not in the team's log (the `nudges` count misses it)");
        }

        return problems;
    }
}
