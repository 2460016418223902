using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Recognition.Kudos;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Recognition.Kudos;
using static TeamsLearningBot.Tests.Reliability.CrashChecks;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>
/// A kudos in a channel, which also earns its receiver the Appreciated badge, stopped at every
/// storage request of a clean run (<see cref="CrashTable"/>), then delivered again as Teams does,
/// every other one to a second instance. Each case is a giver and a receiver of its own: one kudos
/// stored, the giver's day counted once, one kudos card (or none, when the card was being posted as
/// the work stopped: recorded as in doubt and never posted twice), and the receiver's award with one
/// congratulation and one private message.
/// </summary>
public sealed class KudosCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int People = 400;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private static readonly KudosHost.Person[] Roster = [.. Enumerable.Range(0, People).Select(i => new KudosHost.Person(
        $"29:1crash-person-{i:D4}", $"Person {i:D4}", $"00000000-0000-4000-9000-{i:D12}"))];

    private readonly CrashPoints crash = new();
    private readonly ConcurrentDictionary<int, JsonObject> activities = new();
    private KudosHost host = null!;
    private BotApplicationFactory twin = null!;

    public async ValueTask InitializeAsync()
    {
        host = await KudosHost.StartAsync(azurite, Roster, configure: app => crash.Register(Settings(app)));
        twin = Settings(new BotApplicationFactory(azurite))
            .WithSetting("Storage:TablePrefix", host.App.TablePrefix)
            .WithSetting("Drops:SchedulerEnabled", "false")
            .WithSetting("Drops:WorkersEnabled", "false")
            .WithSetting("Reflections:RefreshWorkerEnabled", "false");
    }

    public async ValueTask DisposeAsync()
    {
        await twin.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_kudos_stopped_at_any_storage_request_is_counted_posted_and_announced_once_after_redelivery()
    {
        var table = new CrashTable();
        var problems = await table.RunAsync(
            "kudos in a channel",
            prepare: _ => Task.CompletedTask,
            act: async n =>
            {
                var activity = host.InChannel(Giver(n), $"kudos {{0}} for crash case {Tag(n)}", Receiver(n));
                activities[n] = activity;
                using var response = await host.App.PostActivityAnyStatusAsync(activity.DeepClone(), TestContext.Current.CancellationToken);
                return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            },
            settle: () => Task.Delay(Lease + TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken),
            redeliver: c => RedeliverAsync(c.Number % 2 == 0 ? host.App : twin, activities[c.Number]),
            check: n => EventuallyAsync(() => CheckAsync(n)));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Environment.NewLine + table);
    }

    private static BotApplicationFactory Settings(BotApplicationFactory app) => app
        .WithSetting("Recognition:Badges:NotificationLease", Lease.ToString("c", CultureInfo.InvariantCulture))
        .WithSetting("Recognition:Badges:SweeperEnabled", "false")
        .WithSetting("Connector:MaxRetryAttempts", "1")
        .WithSetting("Connector:BaseDelay", "00:00:00.010");

    // Case n (the warm-up is -1): a giver and a receiver of its own.
    private static KudosHost.Person Giver(int n) => Roster[2 * (n + 1)];

    private static KudosHost.Person Receiver(int n) => Roster[(2 * (n + 1)) + 1];

    private static string Tag(int n) => (n + 2).ToString(CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<string>> CheckAsync(int n)
    {
        var ct = TestContext.Current.CancellationToken;
        var problems = new List<string>();
        var activity = activities[n];
        var activityId = activity["id"]!.GetValue<string>();
        var place = activity["conversation"]!["id"]!.GetValue<string>();
        var giverKey = host.KeyOf(Giver(n));
        var store = host.Get<KudosStore>();

        var rows = await store.ListGiverRowsAsync(giverKey, ct);
        Expect(problems, 1, rows.Count(r => r.RowKey.StartsWith(KudosEntity.RowPrefix, StringComparison.Ordinal)), "kudos stored");
        Expect(problems, 1, rows.Where(r => !r.RowKey.StartsWith(KudosEntity.RowPrefix, StringComparison.Ordinal)).Sum(r => r.GetInt32("Count") ?? 0), "kudos counted toward the giver's day");

        var kudos = await store.GetAsync(giverKey, activityId, ct);
        var cards = host.KudosCards().Count(r => r.ConversationId == place && r.CardText().Contains($"crash case {Tag(n)}", StringComparison.Ordinal));
        ExpectOnce(problems, cards, "kudos cards", kudos?.CardState == KudosState.Sending);

        await BadgeOnceAsync(problems, host.Get<BadgeLedger>(), host.Teams, KudosHost.TeamId, host.KeyOf(Receiver(n)), Receiver(n).Id, place, "appreciated", "Appreciated");
        return problems;
    }
}
