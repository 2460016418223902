using TeamsLearningBot.Content;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Content;

public sealed class ContentStoreTests(AzuriteFixture azurite)
{
    private const string TeamId = "19:0f1e2d3c#team?@thread.tacv2";
    private readonly ContentStore store = new(TestStorage.Tables(azurite));

    [Fact]
    public async Task AddIfNew_refuses_a_url_already_in_the_library_and_names_the_item()
    {
        var ct = TestContext.Current.CancellationToken;

        var first = await store.AddIfNewAsync(Item("https://example.com/a"), ct);
        var again = await store.AddIfNewAsync(Item("https://EXAMPLE.com/a#section", title: "Same link"), ct);
        var other = await store.AddIfNewAsync(Item("https://example.com/b"), ct);

        Assert.Equal(ContentSaveOutcome.Saved, first.Outcome);
        Assert.Equal(ContentSaveOutcome.DuplicateUrl, again.Outcome);
        Assert.Equal("C1", again.Item!.Id);
        Assert.Equal("C2", other.Item!.Id);
        Assert.Equal(2, (await store.ListAsync(TeamId, null, includeArchived: true, ct)).Count);
    }

    [Fact]
    public async Task Concurrent_adds_of_one_url_store_it_once_and_of_many_urls_number_them_without_gaps()
    {
        var ct = TestContext.Current.CancellationToken;

        var same = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => store.AddIfNewAsync(Item("https://example.com/same"), ct)));
        var distinct = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => store.AddIfNewAsync(Item($"https://example.com/{i}"), ct)));

        Assert.Single(same, r => r.Outcome == ContentSaveOutcome.Saved);
        Assert.All(same, r => Assert.Equal(1, r.Item!.Number));
        Assert.Equal([2, 3, 4, 5, 6, 7], distinct.Select(r => r.Item!.Number).Order());
    }

    [Fact]
    public async Task Update_moves_the_url_index_with_the_link()
    {
        var ct = TestContext.Current.CancellationToken;
        var c1 = (await store.AddIfNewAsync(Item("https://example.com/old"), ct)).Item!;

        var moved = await store.UpdateAsync(TeamId, c1.Number, i => i with { Url = new Uri("https://example.com/new"), Title = "Renamed" }, ct);

        Assert.Equal(ContentSaveOutcome.Saved, moved.Outcome);
        Assert.Equal("Renamed", (await store.GetAsync(TeamId, 1, ct))!.Title);
        Assert.Equal("Alex Wilber", (await store.GetAsync(TeamId, 1, ct))!.AddedByName);
        Assert.Equal(ContentSaveOutcome.Saved, (await store.AddIfNewAsync(Item("https://example.com/old"), ct)).Outcome);
        Assert.Equal(ContentSaveOutcome.DuplicateUrl, (await store.AddIfNewAsync(Item("https://example.com/new"), ct)).Outcome);
    }

    [Fact]
    public async Task Update_to_another_items_url_is_refused_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await store.AddIfNewAsync(Item("https://example.com/one"), ct);
        await store.AddIfNewAsync(Item("https://example.com/two"), ct);

        var result = await store.UpdateAsync(TeamId, 2, i => i with { Url = new Uri("https://example.com/one"), Title = "Changed" }, ct);

        Assert.Equal(ContentSaveOutcome.DuplicateUrl, result.Outcome);
        Assert.Equal("C1", result.Item!.Id);
        Assert.Equal("Item", (await store.GetAsync(TeamId, 2, ct))!.Title);
        Assert.Equal(ContentSaveOutcome.NotFound, (await store.UpdateAsync(TeamId, 99, i => i, ct)).Outcome);
    }

    [Fact]
    public async Task Concurrent_updates_are_each_applied_to_the_latest_item()
    {
        var ct = TestContext.Current.CancellationToken;
        await store.AddIfNewAsync(Item("https://example.com/tags"), ct);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(n =>
            store.UpdateAsync(TeamId, 1, i => i with { Tags = [.. i.Tags, $"t{n}"] }, ct)));

        Assert.Equal(["t0", "t1", "t2", "t3", "t4"], (await store.GetAsync(TeamId, 1, ct))!.Tags.Order());
    }

    [Fact]
    public async Task Archived_items_leave_the_list_but_keep_their_link()
    {
        var ct = TestContext.Current.CancellationToken;
        await store.AddIfNewAsync(Item("https://example.com/retired"), ct);

        Assert.True(await store.ArchiveAsync(TeamId, 1, ct));

        Assert.Empty(await store.ListAsync(TeamId, null, includeArchived: false, ct));
        var again = await store.AddIfNewAsync(Item("https://example.com/retired"), ct);
        Assert.Equal(ContentSaveOutcome.DuplicateUrl, again.Outcome);
        Assert.Equal(ContentStatus.Archived, again.Item!.Status);
    }

    private static ContentItem Item(string url, string title = "Item") => new()
    {
        TeamId = TeamId,
        Number = 0,
        Title = title,
        Url = new Uri(url),
        Prompts = ["What would you change?"],
        AddedByName = "Alex Wilber",
    };
}
