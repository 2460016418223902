using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Protocol.Hosting;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Hosting;

/// <summary>
/// A message whose reply has to wait for a Connector permit (the conversation is at its limit,
/// here one send a second, while Teams holds the previous reply) is answered before its reply is
/// sent, and the reply still goes out once, when the permit comes. The wait for
/// <c>AcknowledgeAfter</c> runs on a fake clock; the permits count on the real one, as in the app.
/// </summary>
public sealed class PermitWaitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private BotApplicationFactory app = null!;
    private FakeConnector teams = null!;

    public async ValueTask InitializeAsync()
    {
        teams = await FakeConnector.StartAsync(time);
        app = new BotApplicationFactory(azurite)
            .WithTime(time)
            .WithSetting("AcknowledgeAfter", "00:00:10")
            .WithSetting("Connector:ConversationLimitPerSecond", "1")

            // The Connector's own timeouts run on the fake clock too: out of reach of this test's moves.
            .WithSetting("Connector:AttemptTimeout", "00:10:00")
            .WithSetting("Connector:TotalTimeout", "01:00:00");
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task A_message_whose_reply_waits_for_a_permit_is_answered_first_and_replied_to_once_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = TestActivities.Load("personal-message", teams.ServiceUrl, a => (a["text"], a["id"]) = ("help", "1764000000001"));
        var second = TestActivities.Load("personal-message", teams.ServiceUrl, a => (a["text"], a["id"]) = ("help", "1764000000002"));

        // Teams takes five minutes (fake) to answer the first reply: the conversation's one permit
        // stays taken meanwhile, so the second reply waits for it.
        teams.DelayNext(1, TimeSpan.FromMinutes(5));
        var firstAnswer = app.PostActivityAnyStatusAsync(first, ct);
        await WaitUntilAsync(() => Replies() == 1);
        var secondAnswer = app.PostActivityAnyStatusAsync(second, ct);

        // A generous bound on the answer, on the app's clock; it comes at AcknowledgeAfter.
        var response = await AdvanceUntilAsync(secondAnswer, TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, Replies());
        Assert.Equal(HttpStatusCode.Accepted, (await firstAnswer).StatusCode);

        // Teams answers the first reply; a second later the permit is free and the waiting reply goes out.
        time.Advance(TimeSpan.FromMinutes(5));
        var turns = app.Services.GetRequiredService<BotTurns>();
        await WaitUntilAsync(() => turns.InBackground == 0);

        // One reply to each message: the waiting one was sent once, and nothing was sent again.
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        Assert.Equal(2, Replies());
        Assert.Equal(2, teams.Activities.Count);
    }

    private int Replies() => teams.Requests.Count(r => r.Method == "POST" && r.Route is ["conversations", _, "activities", ..]);

    // Moves the fake clock a second at a time until the task is done (at most `limit` of fake time).
    private async Task<T> AdvanceUntilAsync<T>(Task<T> task, TimeSpan limit)
    {
        await AdvanceUntilAsync((Task)task, limit);
        return await task;
    }

    private async Task AdvanceUntilAsync(Task task, TimeSpan limit)
    {
        for (var moved = TimeSpan.Zero; !task.IsCompleted && moved < limit; moved += TimeSpan.FromSeconds(1))
        {
            time.Advance(TimeSpan.FromSeconds(1));

            // Let what the second woke run; how long this takes does not matter to the outcome.
            await Task.WhenAny(task, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        await task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not there after a minute.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
