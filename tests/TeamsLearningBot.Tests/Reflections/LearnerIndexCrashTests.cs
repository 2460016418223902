using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary>
/// A process that stops in the middle of a reflection, simulated by a storage request that never
/// completes: from that request on, nothing else of the reflection reaches storage. Whatever was
/// written by then, a learner with rows on a card must be named in their index, or <c>forget me</c>
/// could never find those rows (a card's invoke may never be delivered again to repair it).
/// </summary>
public sealed class LearnerIndexCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly StopAt stop = new();
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(stop, HttpPipelinePosition.PerRetry);
        host = await ReflectionsHost.StartAsync(azurite, refresher: false, configure: app => app.WithServices(s => s.AddSingleton(options)));

        // Someone reflected before: this instance remembers the card row, so a new learner's row is guessed.
        await host.SendAsync(host.Share("First!", "5", ReflectionsHost.Learner(99)));
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("ReflectionIndex")]
    [InlineData("Reflections")]
    public async Task A_learner_guessed_new_is_indexed_whenever_their_row_on_the_card_exists(string stopAtTable)
    {
        var alex = ReflectionsHost.Learner(1);
        stop.Table = stopAtTable;

        var response = await host.SendAnyStatusAsync(host.Share("Stopped half way.", "4", alex));

        stop.Table = null;
        Assert.False(response.IsSuccessStatusCode);
        await AssertIndexedIfStoredAsync(alex);
    }

    [Fact]
    public async Task A_learner_new_to_a_card_this_instance_never_read_is_indexed_whenever_their_row_exists()
    {
        var sam = ReflectionsHost.Learner(2);
        host.Get<CardRowCache>().Forget(host.Post.Partition);
        stop.Table = "ReflectionIndex";

        var response = await host.SendAnyStatusAsync(host.Share("Cold card.", "3", sam));

        stop.Table = null;
        Assert.False(response.IsSuccessStatusCode);
        await AssertIndexedIfStoredAsync(sam);
    }

    [Fact]
    public async Task After_a_stop_before_the_transaction_the_same_activity_again_is_stored_and_indexed()
    {
        var alex = ReflectionsHost.Learner(3);
        var share = host.Share("Second try.", "4", alex);
        stop.Table = "Reflections";
        var failed = await host.SendAnyStatusAsync(share.DeepClone().AsObject());
        stop.Table = null;
        Assert.False(failed.IsSuccessStatusCode);

        (await host.App.PostActivityAsync(share, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var (reflections, participant, indexed) = await ReadAsync(alex);
        Assert.Equal("Second try.", Assert.Single(reflections).Text);
        Assert.Equal(4, participant!.Rating);
        Assert.True(indexed);
        var card = await host.CardAsync();
        Assert.Equal((2, 2, 9), (card!.Reflections, card.Ratings, card.RatingSum));
    }

    [Theory]
    [InlineData("ReflectionIndex")]
    [InlineData("Reflections")]
    [InlineData("Badges")]
    [InlineData("Insights")]
    public async Task A_first_contact_stopped_anywhere_leaves_no_book_rows_the_learner_index_does_not_name_and_its_redelivery_counts_once(string stopAtTable)
    {
        var control = ReflectionsHost.Learner(7);
        await host.SendAsync(host.Share("Same words, no stop.", "4", control));
        var alex = ReflectionsHost.Learner(8);
        var share = host.Share("Same words, no stop.", "4", alex);
        stop.Table = stopAtTable;

        var failed = await host.SendAnyStatusAsync(share.DeepClone().AsObject());

        stop.Table = null;
        Assert.False(failed.IsSuccessStatusCode);
        var stopped = await BooksAsync(alex);
        if (stopped.Badges is not null || stopped.Points > 0 || stopped.Ledger is not null)
        {
            Assert.Contains(ReflectionsHost.TeamId, stopped.Teams);
        }

        (await host.App.PostActivityAsync(share, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        // Everything counted once, exactly as for the learner whose first contact did not stop.
        var (counted, expected) = (await BooksAsync(alex), await BooksAsync(control));
        Assert.Contains(ReflectionsHost.TeamId, counted.Teams);
        Assert.Equal(expected.Badges, counted.Badges);
        Assert.Equal(expected.Points, counted.Points);
        Assert.True(expected.Points > 0);
        Assert.Equal((1, 4), (counted.Ledger!.Entries.Sum(e => e.Reflections), counted.Ledger.Entries.Single(e => e.Rating is not null).Rating!.Value));
    }

    [Fact]
    public async Task Rows_of_a_learner_whose_team_row_is_missing_are_read_when_a_book_takes_them_as_new_and_counted_once()
    {
        // Rows written before the learner index kept teams: the books have rows, the team row is not there.
        var alex = ReflectionsHost.Learner(9);
        await host.SendAsync(host.Share("Before.", "4", alex));
        var key = KeyOf(alex);
        var table = await host.Get<TeamsLearningBot.Storage.StorageTables>().GetAsync(LearnerIndex.TableName, TestContext.Current.CancellationToken);
        Assert.Equal(204, (await table.DeleteEntityAsync(LearnerIndex.Partition(key), LearnerIndex.TeamRow(ReflectionsHost.TeamId), cancellationToken: TestContext.Current.CancellationToken)).Status);
        var before = await BooksAsync(alex);

        // Another instance (remembering nothing) on another card: the team row is added there, so every book takes the learner as new and meets their row.
        var other = await host.PostCardAsync("19:b1c2d3e4f5a60718293a4b5c6d7e8f90@thread.tacv2", "1764240000900");
        await using (var instance = host.AddInstance(refresher: false))
        {
            (await instance.PostActivityAsync(ReflectionsHost.On(other, host.Share("After.", "2", alex)), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        var after = await BooksAsync(alex);
        Assert.Contains(ReflectionsHost.TeamId, after.Teams);
        Assert.Equal(2, after.Ledger!.Entries.Sum(e => e.Reflections));
        Assert.Equal(2 * before.Points, after.Points);
        Assert.All(before.Badges!.Split(';'), column => Assert.Contains(column.Split('=')[0], after.Badges, StringComparison.Ordinal));
        Assert.NotEqual(before.Badges, after.Badges);
    }

    private string KeyOf(System.Text.Json.Nodes.JsonObject learner) =>
        host.Get<LearnerKeys>().For(ReflectionsHost.TenantId, learner["aadObjectId"]!.GetValue<string>());

    /// <summary>What each book holds for a learner in the team: the badge counts (columns and values), the day points, the insights ledger; and the learner index's teams.</summary>
    private async Task<(string? Badges, int Points, TeamsLearningBot.Insights.LearnerLedger? Ledger, IReadOnlyList<string> Teams)> BooksAsync(System.Text.Json.Nodes.JsonObject learner)
    {
        var ct = TestContext.Current.CancellationToken;
        var key = KeyOf(learner);
        var progress = await host.Get<TeamsLearningBot.Recognition.Badges.BadgeLedger>().GetProgressAsync(TeamsLearningBot.Recognition.Badges.BadgeLedger.Partition(ReflectionsHost.TeamId, key), ct);
        var badges = progress is null ? null : string.Join(';', progress.Entity.Where(p => p.Key.StartsWith('n') && p.Value is int).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var today = DateOnly.FromDateTime(host.Get<TimeProvider>().GetUtcNow().UtcDateTime);
        var days = await host.Get<TeamsLearningBot.Recognition.Leaderboard.ContributionStore>().ListDayTotalsAsync(ReflectionsHost.TeamId, today.AddDays(-2), today.AddDays(2), ct);
        var insights = await host.Get<TeamsLearningBot.Insights.InsightsStore>().TableAsync(ct);
        var ledger = await insights.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(TeamsLearningBot.Insights.InsightsStore.Partition(ReflectionsHost.TeamId), TeamsLearningBot.Insights.InsightsStore.LedgerRow(key), cancellationToken: ct);
        var teams = await host.Get<LearnerIndex>().ListTeamsAsync(key, ct);
        return (badges, days.Where(d => d.LearnerKey == key).Sum(d => d.Points), ledger.HasValue ? TeamsLearningBot.Insights.LearnerLedger.FromRow(ledger.Value) : null, teams);
    }

    private async Task AssertIndexedIfStoredAsync(System.Text.Json.Nodes.JsonObject learner)
    {
        var (reflections, participant, indexed) = await ReadAsync(learner);
        if (participant is not null || reflections.Count > 0)
        {
            Assert.True(indexed, $"The learner has rows on the card ({reflections.Count} reflections, {(participant is null ? "no" : "a")} participant row) that their index does not name: forget me would leave them.");
        }
    }

    private async Task<(IReadOnlyList<ReflectionEntity> Reflections, ParticipantEntity? Participant, bool Indexed)> ReadAsync(System.Text.Json.Nodes.JsonObject learner)
    {
        var key = host.Get<LearnerKeys>().For(ReflectionsHost.TenantId, learner["aadObjectId"]!.GetValue<string>());
        var (_, reflections, participant) = await host.Get<ReflectionStore>().ReadLearnerAsync(host.Post, key, TestContext.Current.CancellationToken);
        var index = await host.Get<ReflectionIndex>().ListLearnerAsync(key, TestContext.Current.CancellationToken);
        return (reflections, participant, index.Any(r => r.RowKey == host.Post.Partition));
    }

    /// <summary>Fails every request to the table named (by its path or, for a transaction, its body) while set.</summary>
    private sealed class StopAt : HttpPipelineSynchronousPolicy
    {
        public volatile string? Table;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (Table is not { } table)
            {
                return;
            }

            var path = Uri.UnescapeDataString(message.Request.Uri.Path);
            var target = path.TrimEnd('/').Split('/')[^1];
            if (target == "$batch" && message.Request.Content is { } content)
            {
                using var body = new MemoryStream();
                content.WriteTo(body, CancellationToken.None);
                target = System.Text.Encoding.UTF8.GetString(body.ToArray());
            }

            if (Matches(target, table))
            {
                throw new InvalidOperationException($"The process stopped at a request to {table}.");
            }
        }

        // "…ReflectionIndex(" or "…ReflectionIndex" for the index; "…Reflections(" or "…Reflections" for the cards;
        // in a transaction's body an added row's line names the table followed by its query ("…ReflectionIndex?$format=…").
        private static bool Matches(string target, string table) =>
            target.Contains(table + "(", StringComparison.Ordinal) || target.EndsWith(table, StringComparison.Ordinal) || target.Contains("/" + table + "(", StringComparison.Ordinal) ||
            target.Contains(table + " HTTP", StringComparison.Ordinal) || target.Contains(table + "?", StringComparison.Ordinal);
    }
}
