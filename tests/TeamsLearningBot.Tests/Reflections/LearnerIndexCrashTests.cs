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

        // "…ReflectionIndex(" or "…ReflectionIndex" for the index; "…Reflections(" or "…Reflections" for the cards.
        private static bool Matches(string target, string table) =>
            target.Contains(table + "(", StringComparison.Ordinal) || target.EndsWith(table, StringComparison.Ordinal) || target.Contains("/" + table + "(", StringComparison.Ordinal) ||
            target.Contains(table + " HTTP", StringComparison.Ordinal);
    }
}
