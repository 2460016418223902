using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary>
/// Every request of the app's table client is counted (one request = one billed transaction;
/// an entity-group transaction is one). The card refresher is off, so only the request's own
/// work is measured; the queue message that schedules a refresh is not a table transaction.
/// The reflection's own tables, recognition's (the badge engine) and the leaderboard's ledger are
/// counted apart: the first within the reflection budget of 3 on every path — warm or cold card,
/// new or known learner, a learner the instance does not remember, a redelivery. A reflection and its first rating reach
/// recognition and the ledger as one batch, so each spends one transaction on them, plus a point
/// read of the learner's row unless it wrote that row last, plus 1 for the learner's index row
/// when they are new there (in the team for badges, on the day for the ledger). Insights keeps
/// the same shape: one transaction (markers, the learner's ledger row, the card's post note), a
/// point read of the ledger row unless it wrote it last, and the index row for a learner new to the team.
/// </summary>
public sealed class StorageBudgetTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] ReflectionTables = ["Reflections", "ReflectionIndex", "Posts", "Content", "Teams"];
    private static readonly string[] RecognitionTables = ["Badges", "BadgeSettings", "BadgeLearners"];
    private static readonly string[] LedgerTables = ["Contributions"];
    private static readonly string[] InsightsTables = ["Insights"];
    private static readonly string[] NudgesTables = ["Nudges"];
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ReflectionsHost.StartAsync(azurite, refresher: false);

        // Someone reflected before: tables exist and this instance remembers the card row, as in steady use.
        await host.SendAsync(host.Share("First!", "5", ReflectionsHost.Learner(99)));
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_learner_s_first_reflection_with_a_rating_costs_two_table_transactions()
    {
        var (reflection, recognition, ledger, insights) = await CountAsync(host.Share("Three at most.", "4", ReflectionsHost.Learner(1)));

        // The learner's index row, added first (it was not there, so their row is new), then the transaction.
        Assert.True(reflection.Count == 2, Describe(reflection));

        // Reflected and Rated together: the learner's counts, their index row (first event in the team), one transaction.
        Assert.True(recognition.Count == 3, Describe(recognition));

        // The learner's day row, their index row (first of the day), one transaction.
        Assert.True(ledger.Count == 3, Describe(ledger));

        // The learner's ledger row (read: not there), their index row, one transaction.
        Assert.True(BesidesTermRows(insights).Count == 3, Describe(insights));
        Assert.All([.. recognition, .. ledger, .. insights], r => Assert.DoesNotContain("$filter", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_learner_s_next_reflection_and_a_changed_rating_cost_one()
    {
        var alex = ReflectionsHost.Learner(1);
        await host.SendAsync(host.Share("One.", "4", alex));

        var next = await CountAsync(host.Share("Two.", null, alex));
        var rerate = await CountAsync(host.Share(null, "2", alex));

        // Everything the transaction needs is remembered from the last one.
        Assert.True(next.Reflection.Count == 1, Describe(next.Reflection));
        Assert.True(rerate.Reflection.Count == 1, Describe(rerate.Reflection));

        // The common case: each book remembers the learner's row it wrote last, so one transaction each.
        Assert.True(next.Recognition.Count == 1, Describe(next.Recognition));
        Assert.True(next.Ledger.Count == 1, Describe(next.Ledger));
        Assert.True(BesidesTermRows(next.Insights).Count == 1, Describe(next.Insights));

        // A changed rating is not a new fact for recognition, which does nothing; insights moves the rating (its one transaction).
        Assert.Empty(rerate.Recognition);
        Assert.Empty(rerate.Ledger);
        Assert.True(rerate.Insights.Count == 1, Describe(rerate.Insights));
    }

    [Fact]
    public async Task A_thread_reply_costs_two_and_its_redelivery_is_found_by_the_transaction()
    {
        var reply = TestActivities.Load("channel-thread-reply", host.Teams.ServiceUrl);

        var first = await CountAsync(reply);
        var again = await CountAsync(reply.DeepClone().AsObject());

        Assert.True(first.Reflection.Count == 2, Describe(first.Reflection));
        Assert.True(first.Recognition.Count == 3, Describe(first.Recognition));
        Assert.True(first.Ledger.Count == 3, Describe(first.Ledger));
        Assert.True(BesidesTermRows(first.Insights).Count == 3, Describe(first.Insights));

        // The redelivery's transaction finds the reflection stored and the stored row is read (its
        // events are published again). The index row went in before the first transaction, so it
        // needs no second write.
        Assert.True(again.Reflection.Count == 2, Describe(again.Reflection));

        // Each book's transaction finds the event's marker: nothing changes.
        Assert.True(again.Recognition.Count == 1, Describe(again.Recognition));
        Assert.True(again.Ledger.Count == 1, Describe(again.Ledger));
        Assert.True(BesidesTermRows(again.Insights).Count == 1, Describe(again.Insights));
    }

    [Fact]
    public async Task On_an_instance_that_never_saw_the_card_a_reflection_costs_three()
    {
        var counted = new TableRequestCounter();
        await using var other = host.AddInstance(counted, refresher: false);
        var mark = counted.Count;

        (await other.PostActivityAsync(host.Share("Elsewhere.", "3", ReflectionsHost.Learner(2)), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        // One query reads the card and learner rows together, the learner's index row, the transaction. (The new instance's recognition also reads the team once, then keeps it for minutes.)
        var reflection = counted.Since(mark, "Reflections", "ReflectionIndex");
        Assert.True(reflection.Count == 3, Describe(reflection));
    }

    [Fact]
    public async Task A_learner_this_instance_does_not_remember_on_the_card_costs_three_and_counts_right()
    {
        // Sam rated on another instance; this one remembers the card but not Sam's row on it.
        var sam = ReflectionsHost.Learner(3);
        await using (var other = host.AddInstance(refresher: false))
        {
            (await other.PostActivityAsync(host.Share(null, "2", sam), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        await host.SendAsync(host.Share("Warming up.", null, ReflectionsHost.Learner(4)));

        var (reflection, _, _, _) = await CountAsync(host.Share("Changed my mind.", "5", sam));

        // Sam's index row is there already, so Sam is not new here: one query reads Sam's row, then the transaction.
        Assert.True(reflection.Count == 3, Describe(reflection));
        var card = await host.CardAsync();
        Assert.Equal(2, card!.Ratings);
        Assert.Equal(10, card.RatingSum);
    }

    // A reflection's term rows (its scope's and one per tag of the item: two here) are shared with
    // the learners of its shard, so they are read when this instance did not write them last.
    // Reads, not transactions: the reflection still costs insights one transaction.
    private static List<string> BesidesTermRows(IReadOnlyList<string> requests)
    {
        var reads = requests.Where(r => r.StartsWith("GET", StringComparison.Ordinal) && r.Contains("RowKey='t|", StringComparison.Ordinal)).ToList();
        Assert.True(reads.Count <= 2, Describe(requests));
        return [.. requests.Except(reads)];
    }

    private async Task<(IReadOnlyList<string> Reflection, IReadOnlyList<string> Recognition, IReadOnlyList<string> Ledger, IReadOnlyList<string> Insights)> CountAsync(System.Text.Json.Nodes.JsonObject activity)
    {
        var mark = host.Storage.Count;
        var response = await host.SendAsync(activity);
        response.EnsureSuccessStatusCode();
        var all = host.Storage.Since(mark);
        var recognition = host.Storage.Since(mark, RecognitionTables);
        var reflection = host.Storage.Since(mark, ReflectionTables);
        var ledger = host.Storage.Since(mark, LedgerTables);
        var insights = host.Storage.Since(mark, InsightsTables);

        // Nudges: a point read of the learner's nudge state (is this the answer to a nudge?). A time
        // zone the client reports is written in the background, outside the turn, when at all.
        var nudges = host.Storage.Since(mark, NudgesTables).Where(r => !r.Contains("MERGE", StringComparison.OrdinalIgnoreCase) && !r.StartsWith("PATCH", StringComparison.Ordinal)).ToList();
        Assert.True(nudges.Count <= 1, Describe(nudges));
        Assert.All(nudges, r => Assert.DoesNotContain("$filter", r, StringComparison.Ordinal));
        Assert.Equal(all.Count, reflection.Count + recognition.Count + ledger.Count + insights.Count + host.Storage.Since(mark, NudgesTables).Count);
        return (reflection, recognition, ledger, insights);
    }

    private static string Describe(IReadOnlyList<string> requests) => $"{requests.Count} table transactions: {string.Join(", ", requests)}";
}
