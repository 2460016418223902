using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary>
/// Every request of the app's table client is counted (one request = one billed transaction;
/// an entity-group transaction is one). The card refresher is off, so only the request's own
/// work is measured; the queue message that schedules a refresh is not a table transaction.
/// The reflection's own tables (with the learner index), recognition's (the badge engine), the
/// leaderboard's old table (<c>Contributions</c>, which a reflection no longer touches) and the
/// team's partition of <c>Insights</c> (insights and the leaderboard, counted in one transaction
/// under one marker per event) are counted apart. A first contact — a learner new on the card and
/// in the team — costs the reflection 2: its learner-index rows (the card's and the team's, in one
/// transaction, which also says the learner is new there) and the card's transaction. Because the
/// team row was new, every book takes the learner's rows as new: badges one transaction, the team's
/// partition one, nothing read and no index row of their own (4; before: a transaction for the
/// leaderboard and one for insights, 5). After it, the reflection and its first rating cost the card
/// 1, badges 1 and the team's partition 1 (3; before 4). A reflection's term rows may be read by
/// insights, and the learner's nudge state is a point read (both counted apart).
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
    public async Task A_first_contact_costs_four_table_transactions_in_all()
    {
        var cost = await CountAsync(host.Share("Three at most.", "4", ReflectionsHost.Learner(1)));

        // The learner's card and team rows of the learner index, added together (neither was there, so the learner is new on the card and in the team), then the card's transaction.
        Assert.True(cost.Reflection.Count == 2, Describe(cost.Reflection));
        Assert.Single(cost.Reflection, r => r.Contains("$batch", StringComparison.Ordinal) && r.Contains("ReflectionIndex", StringComparison.Ordinal));

        // Reflected and Rated together, the learner new in the team: badges one transaction, the
        // leaderboard and insights one together in the team's partition; no read, no index row of their own.
        Assert.True(cost.Recognition.Count == 1, Describe(cost.Recognition));
        Assert.Empty(cost.Ledger);
        Assert.True(BesidesTermRows(cost.Insights).Count == 1, Describe(cost.Insights));
        Assert.All([.. cost.Recognition, .. cost.Insights], r => Assert.StartsWith("POST", r, StringComparison.Ordinal));
        var today = DateOnly.FromDateTime(host.Get<TimeProvider>().GetUtcNow().UtcDateTime);
        var days = await host.Get<TeamsLearningBot.Recognition.Leaderboard.ContributionStore>().ListDayTotalsAsync(ReflectionsHost.TeamId, today.AddDays(-1), today.AddDays(1), TestContext.Current.CancellationToken);
        Assert.Equal(4, days.Where(d => d.LearnerKey == host.Get<TeamsLearningBot.Learners.LearnerKeys>().For(ReflectionsHost.TenantId, ReflectionsHost.Learner(1)["aadObjectId"]!.GetValue<string>())).Sum(d => d.Points));
        Assert.True(cost.Total == 4, Describe(cost.All));
    }

    [Fact]
    public async Task A_learner_s_next_reflection_costs_three_and_a_changed_rating_two()
    {
        var alex = ReflectionsHost.Learner(1);
        await host.SendAsync(host.Share("One.", "4", alex));

        var next = await CountAsync(host.Share("Two.", null, alex));
        var rerate = await CountAsync(host.Share(null, "2", alex));

        // Everything the transaction needs is remembered from the last one.
        Assert.True(next.Reflection.Count == 1, Describe(next.Reflection));
        Assert.True(rerate.Reflection.Count == 1, Describe(rerate.Reflection));

        // The common case: each book remembers the learner's rows it wrote last, so one transaction
        // for badges and one for the team's partition (leaderboard and insights together).
        Assert.True(next.Recognition.Count == 1, Describe(next.Recognition));
        Assert.Empty(next.Ledger);
        Assert.True(BesidesTermRows(next.Insights).Count == 1, Describe(next.Insights));
        Assert.True(next.Total == 3, Describe(next.All));

        // A changed rating is not a new fact for recognition, which does nothing; insights moves the rating (its one transaction).
        Assert.Empty(rerate.Recognition);
        Assert.Empty(rerate.Ledger);
        Assert.True(rerate.Insights.Count == 1, Describe(rerate.Insights));
        Assert.True(rerate.Total == 2, Describe(rerate.All));
    }

    [Fact]
    public async Task A_known_learner_s_first_reflection_on_another_card_costs_four()
    {
        var alex = ReflectionsHost.Learner(1);
        await host.SendAsync(host.Share("One.", "4", alex));
        var other = await host.PostCardAsync("19:a8b7c6d5e4f30211a0b9c8d7e6f5a4b3@thread.tacv2", "1764240000500");
        await host.SendAsync(ReflectionsHost.On(other, host.Share("Warming the card up.", null, ReflectionsHost.Learner(5))));

        var cost = await CountAsync(ReflectionsHost.On(other, host.Share("Again, elsewhere.", "3", alex)));

        // The card row added with the team row rewritten (this instance saw it), then the card's transaction.
        Assert.True(cost.Reflection.Count == 2, Describe(cost.Reflection));

        // The books remember the learner's rows (same day): badges one transaction, the team's partition one.
        Assert.True(cost.Recognition.Count == 1, Describe(cost.Recognition));
        Assert.Empty(cost.Ledger);
        Assert.True(BesidesTermRows(cost.Insights).Count == 1, Describe(cost.Insights));
        Assert.True(cost.Total == 4, Describe(cost.All));
    }

    [Fact]
    public async Task A_thread_reply_costs_four_and_its_redelivery_is_found_by_the_transactions()
    {
        var reply = TestActivities.Load("channel-thread-reply", host.Teams.ServiceUrl);

        var first = await CountAsync(reply);
        var again = await CountAsync(reply.DeepClone().AsObject());

        Assert.True(first.Reflection.Count == 2, Describe(first.Reflection));
        Assert.True(first.Recognition.Count == 1, Describe(first.Recognition));
        Assert.Empty(first.Ledger);
        Assert.True(BesidesTermRows(first.Insights).Count == 1, Describe(first.Insights));
        Assert.True(first.Total == 4, Describe(first.All));

        // The redelivery's index transaction finds the card row (nothing is written), the stored
        // rows are read and the reflection found (its events are published again).
        Assert.True(again.Reflection.Count == 2, Describe(again.Reflection));

        // Each transaction finds the event's marker (one marker for the leaderboard and insights): nothing changes.
        Assert.True(again.Recognition.Count == 1, Describe(again.Recognition));
        Assert.Empty(again.Ledger);
        Assert.True(BesidesTermRows(again.Insights).Count == 1, Describe(again.Insights));
    }

    [Fact]
    public async Task On_an_instance_that_never_saw_the_card_a_reflection_costs_three()
    {
        var counted = new TableRequestCounter();
        await using var other = host.AddInstance(counted, refresher: false);
        var mark = counted.Count;

        (await other.PostActivityAsync(host.Share("Elsewhere.", "3", ReflectionsHost.Learner(2)), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        // One query reads the card and learner rows together, the learner's index rows (card and team, one transaction), the transaction. (The new instance's recognition also reads the team once, then keeps it for minutes.)
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

        var reflection = (await CountAsync(host.Share("Changed my mind.", "5", sam))).Reflection;

        // The index transaction fails on Sam's card row (Sam is not new here, nothing is written): one query reads Sam's row, then the transaction.
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

    private async Task<Cost> CountAsync(System.Text.Json.Nodes.JsonObject activity)
    {
        var mark = host.Storage.Count;
        var response = await host.SendAsync(activity);
        response.EnsureSuccessStatusCode();
        // A time zone's background merge (Nudges) may land at any moment: left out of every count.
        static bool Background(string r) => (r.StartsWith("PATCH", StringComparison.Ordinal) || r.StartsWith("MERGE", StringComparison.Ordinal)) && r.Contains("Nudges", StringComparison.Ordinal);
        var all = host.Storage.Since(mark).Where(r => !Background(r)).ToList();
        var recognition = host.Storage.Since(mark, RecognitionTables);
        var reflection = host.Storage.Since(mark, ReflectionTables);
        var ledger = host.Storage.Since(mark, LedgerTables);
        var insights = host.Storage.Since(mark, InsightsTables);

        // Nudges: a point read of the learner's nudge state (is this the answer to a nudge?). A time
        // zone the client reports is written in the background, outside the turn, when at all.
        var nudges = host.Storage.Since(mark, NudgesTables).Where(r => !Background(r)).ToList();
        Assert.True(nudges.Count <= 1, Describe(nudges));
        Assert.All(nudges, r => Assert.DoesNotContain("$filter", r, StringComparison.Ordinal));
        Assert.Equal(all.Count, reflection.Count + recognition.Count + ledger.Count + insights.Count + nudges.Count);
        return new Cost(reflection, recognition, ledger, insights, all);
    }

    /// <summary>A request's table transactions by book; <see cref="Total"/> leaves out insights' term-row reads and the nudge-state read.</summary>
    private sealed record Cost(IReadOnlyList<string> Reflection, IReadOnlyList<string> Recognition, IReadOnlyList<string> Ledger, IReadOnlyList<string> Insights, IReadOnlyList<string> All)
    {
        public int Total => Reflection.Count + Recognition.Count + Ledger.Count + BesidesTermRows(Insights).Count;
    }

    private static string Describe(IReadOnlyList<string> requests) => $"{requests.Count} table transactions: {string.Join(", ", requests)}";
}
