using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary>
/// Every request of the app's table client is counted (one request = one billed transaction;
/// an entity-group transaction is one). The card refresher is off, so only the request's own
/// work is measured; the queue message that schedules a refresh is not a table transaction.
/// </summary>
public sealed class StorageBudgetTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ReflectionsHost.StartAsync(azurite, refresher: false);

        // Someone reflected before: tables exist and the card row is warm, as in steady use.
        await host.SendAsync(host.Share("First!", "5", ReflectionsHost.Learner(99)));
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_learner_s_first_reflection_with_a_rating_costs_three_table_transactions()
    {
        var used = await CountAsync(host.Share("Three at most.", "4", ReflectionsHost.Learner(1)));

        Assert.True(used.Count <= 3, Describe(used));
        Assert.Equal(3, used.Count);
    }

    [Fact]
    public async Task A_learner_s_next_reflection_and_a_changed_rating_cost_two()
    {
        var alex = ReflectionsHost.Learner(1);
        await host.SendAsync(host.Share("One.", "4", alex));

        var next = await CountAsync(host.Share("Two.", null, alex));
        var rerate = await CountAsync(host.Share(null, "2", alex));

        Assert.True(next.Count <= 2, Describe(next));
        Assert.True(rerate.Count <= 2, Describe(rerate));
    }

    [Fact]
    public async Task A_thread_reply_costs_at_most_three_and_its_redelivery_two()
    {
        var reply = TestActivities.Load("channel-thread-reply", host.Teams.ServiceUrl);

        var first = await CountAsync(reply);
        var again = await CountAsync(reply.DeepClone().AsObject());

        Assert.True(first.Count <= 3, Describe(first));
        // The redelivery reads, finds its row, and re-writes the learner's index row in case the first delivery failed before it.
        Assert.True(again.Count <= 2, Describe(again));
    }

    private async Task<IReadOnlyList<string>> CountAsync(System.Text.Json.Nodes.JsonObject activity)
    {
        var mark = host.Storage.Count;
        var response = await host.SendAsync(activity);
        response.EnsureSuccessStatusCode();
        return host.Storage.Since(mark);
    }

    private static string Describe(IReadOnlyList<string> requests) => $"{requests.Count} table transactions: {string.Join(", ", requests)}";
}
