using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary>
/// Every request of the app's table client is counted (one request = one billed transaction;
/// an entity-group transaction is one). The card refresher is off, so only the request's own
/// work is measured; the queue message that schedules a refresh is not a table transaction.
/// The reflection's own tables and recognition's (the badge engine counting the events the
/// reflection publishes) are counted apart: the first within the reflection budget of 3, the
/// second at 2 per event, plus 1 for a learner's first event in a team (their index row). The
/// leaderboard's ledger is counted apart too: 2 per event (one query for the event's marker and
/// the learner's day, one transaction), plus 1 for a learner's first event of the day (their
/// index row), and 1 for a repeat.
/// </summary>
public sealed class StorageBudgetTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] ReflectionTables = ["Reflections", "ReflectionIndex", "Posts", "Content", "Teams"];
    private static readonly string[] RecognitionTables = ["Badges", "BadgeSettings", "BadgeLearners"];
    private static readonly string[] LedgerTables = ["Contributions"];
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
        var (reflection, recognition, ledger) = await CountAsync(host.Share("Three at most.", "4", ReflectionsHost.Learner(1)));

        Assert.True(reflection.Count <= 3, Describe(reflection));
        Assert.Equal(3, reflection.Count);

        // Reflected: read, the learner's index row (first event in the team), commit; Rated: read, commit.
        Assert.True(recognition.Count <= 5, Describe(recognition));
        Assert.Equal(5, recognition.Count);

        // Reflected: query, the learner's index row (first of the day), commit; Rated: query, commit.
        Assert.Equal(5, ledger.Count);
    }

    [Fact]
    public async Task A_learner_s_next_reflection_and_a_changed_rating_cost_two()
    {
        var alex = ReflectionsHost.Learner(1);
        await host.SendAsync(host.Share("One.", "4", alex));

        var next = await CountAsync(host.Share("Two.", null, alex));
        var rerate = await CountAsync(host.Share(null, "2", alex));

        Assert.True(next.Reflection.Count <= 2, Describe(next.Reflection));
        Assert.True(rerate.Reflection.Count <= 2, Describe(rerate.Reflection));

        // The common case: one event, one read of the learner's badge partition and one transaction.
        Assert.True(next.Recognition.Count <= 2, Describe(next.Recognition));
        Assert.Equal(2, next.Recognition.Count);

        Assert.Equal(2, next.Ledger.Count);

        // A changed rating is not a new fact: recognition does nothing.
        Assert.Empty(rerate.Recognition);
        Assert.Empty(rerate.Ledger);
    }

    [Fact]
    public async Task A_thread_reply_costs_at_most_three_and_its_redelivery_two()
    {
        var reply = TestActivities.Load("channel-thread-reply", host.Teams.ServiceUrl);

        var first = await CountAsync(reply);
        var again = await CountAsync(reply.DeepClone().AsObject());

        Assert.True(first.Reflection.Count <= 3, Describe(first.Reflection));
        Assert.True(first.Recognition.Count <= 3, Describe(first.Recognition));
        Assert.Equal(3, first.Recognition.Count);
        Assert.Equal(3, first.Ledger.Count);

        // The redelivery reads, finds its row, and re-writes the learner's index row in case the first delivery failed before it.
        Assert.True(again.Reflection.Count <= 2, Describe(again.Reflection));

        // Recognition reads the learner's partition, finds the event's marker, and stops.
        Assert.True(again.Recognition.Count <= 1, Describe(again.Recognition));
        Assert.Single(again.Recognition);
        Assert.Single(again.Ledger);
    }

    private async Task<(IReadOnlyList<string> Reflection, IReadOnlyList<string> Recognition, IReadOnlyList<string> Ledger)> CountAsync(System.Text.Json.Nodes.JsonObject activity)
    {
        var mark = host.Storage.Count;
        var response = await host.SendAsync(activity);
        response.EnsureSuccessStatusCode();
        var all = host.Storage.Since(mark);
        var recognition = host.Storage.Since(mark, RecognitionTables);
        var reflection = host.Storage.Since(mark, ReflectionTables);
        var ledger = host.Storage.Since(mark, LedgerTables);
        Assert.Equal(all.Count, reflection.Count + recognition.Count + ledger.Count);
        return (reflection, recognition, ledger);
    }

    private static string Describe(IReadOnlyList<string> requests) => $"{requests.Count} table transactions: {string.Join(", ", requests)}";
}
