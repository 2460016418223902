using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Protocol.Hosting;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Hosting;

/// <summary>
/// A message whose reply cannot be sent in time (here Teams is slow to take it; in production it
/// is most often a Connector permit at Teams' limits) is answered 202 once
/// <c>AcknowledgeAfter</c> has passed on the app's clock, and its reply still goes out afterwards.
/// While table storage is failing, such a message is answered 503 instead, so that Teams delivers it
/// again, and it runs on. The clocks are fake: the test moves them, nothing waits on real time.
/// </summary>
public sealed class SlowTurnTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private BotApplicationFactory app = null!;
    private FakeConnector teams = null!;

    public async ValueTask InitializeAsync()
    {
        teams = await FakeConnector.StartAsync(time);
        app = new BotApplicationFactory(azurite).WithTime(time).WithSetting("AcknowledgeAfter", "00:00:10");
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task A_message_still_replying_after_AcknowledgeAfter_is_answered_202_and_its_reply_goes_out_after()
    {
        var help = TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help");
        (await app.PostActivityAsync(help.DeepClone(), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var replies = teams.Activities.Count;
        var requests = teams.Requests.Count;

        // Teams answers the next reply only 20 s (fake) after it arrives.
        teams.DelayNext(1, TimeSpan.FromSeconds(20));
        var pending = app.PostActivityAsync(help, TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => teams.Requests.Count > requests);
        var response = await AdvanceUntilAsync(pending, TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var turns = app.Services.GetRequiredService<BotTurns>();
        Assert.Equal(1, turns.InBackground);

        // Once Teams answers, the turn ends: the reply went out once.
        await AdvanceUntilAsync(WaitUntilAsync(() => turns.InBackground == 0), TimeSpan.FromSeconds(30));
        Assert.Equal(replies + 1, teams.Activities.Count);
    }

    [Fact]
    public async Task A_message_still_running_after_AcknowledgeAfter_while_storage_fails_is_answered_503_and_still_finishes()
    {
        // Table storage through a proxy that can answer 503; StorageHealth remembers a failure for 10 s.
        await using var proxy = FaultProxy.Start(azurite.TablePort);
        var tables = azurite.WithTablesAt(proxy.Port);
        var failing = app.WithSetting("Storage:ConnectionString", tables).WithSetting("AcknowledgeAfter", "00:00:05");
        var help = TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help");
        (await failing.PostActivityAsync(help.DeepClone(), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var replies = teams.Activities.Count;
        var requests = teams.Requests.Count;

        teams.DelayNext(1, TimeSpan.FromSeconds(20));
        var pending = failing.PostActivityAnyStatusAsync(help, TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => teams.Requests.Count > requests);

        // Storage fails while the turn waits for Teams.
        proxy.Fault = StorageFault.ServiceUnavailable;
        var probe = failing.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>().GetTableClient("Probe");
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => probe.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("p", "r", cancellationToken: TestContext.Current.CancellationToken));
        proxy.Fault = StorageFault.None;

        var response = await AdvanceUntilAsync(pending, TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var turns = failing.Services.GetRequiredService<BotTurns>();
        Assert.Equal(1, turns.InBackground);
        await AdvanceUntilAsync(WaitUntilAsync(() => turns.InBackground == 0), TimeSpan.FromSeconds(30));
        Assert.Equal(replies + 1, teams.Activities.Count);
    }

    [Fact]
    public async Task A_message_answered_in_time_gets_200_and_nothing_runs_on()
    {
        var help = TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help");

        var response = await app.PostActivityAsync(help, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, app.Services.GetRequiredService<BotTurns>().InBackground);
        Assert.NotEmpty(teams.Activities);
    }

    // Moves the fake clock a second at a time until the task is done (at most `limit` of fake time).
    private async Task<T> AdvanceUntilAsync<T>(Task<T> task, TimeSpan limit)
    {
        await AdvanceUntilAsync((Task)task, limit);
        return await task;
    }

    private async Task AdvanceUntilAsync(Task task, TimeSpan limit)
    {
        for (var moved = TimeSpan.Zero; !task.IsCompleted && moved <= limit; moved += TimeSpan.FromSeconds(1))
        {
            time.Advance(TimeSpan.FromSeconds(1));

            // Let what the second woke run; how long this takes does not matter to the outcome.
            await Task.WhenAny(task, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        await task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
