using System.Net;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

public sealed class ConcurrencyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() => host = await ReflectionsHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Two_hundred_people_sharing_at_once_give_exact_totals_and_a_handful_of_card_updates()
    {
        var shares = Enumerable.Range(1, 200)
            .Select(i => host.Share($"Reflection {i}", (i % 5 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ReflectionsHost.Learner(i)))
            .ToList();

        var responses = await Task.WhenAll(shares.Select(host.SendAsync));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var card = await host.SettledCardAsync(TimeSpan.FromMinutes(3));
        Assert.Equal((200, 200, 600), (card.Reflections, card.Ratings, card.RatingSum));
        var updates = host.CardUpdates();
        Assert.InRange(updates.Count, 1, 10);
        Assert.Contains("200 reflections · relevance 3.0/5 from 200 ratings", updates[^1].CardText(), StringComparison.Ordinal);

        // Every reflection reached the thread exactly once, several to a message.
        var echoed = host.ThreadMessages().SelectMany(m => m.Text!.Split("\n\n")).ToList();
        Assert.Equal(200, echoed.Count);
        Assert.Equal(200, echoed.Distinct().Count());
        Assert.True(host.ThreadMessages().Count <= 40, $"{host.ThreadMessages().Count} thread messages");
    }

    [Fact]
    public async Task Two_instances_writing_one_card_lose_no_count()
    {
        var other = host.AddInstance();
        var shares = Enumerable.Range(1, 120)
            .Select(i => (Instance: i % 2 == 0 ? host.App : other, Share: host.Share($"From instance {i % 2}", "4", ReflectionsHost.Learner(i))))
            .ToList();

        await Task.WhenAll(shares.Select(s => s.Instance.PostActivityAsync(s.Share, TestContext.Current.CancellationToken)));

        var card = await host.SettledCardAsync(TimeSpan.FromMinutes(3));
        Assert.Equal((120, 120, 480), (card.Reflections, card.Ratings, card.RatingSum));
        Assert.Contains("120 reflections · relevance 4.0/5 from 120 ratings", host.CardUpdates()[^1].CardText(), StringComparison.Ordinal);
        Assert.InRange(host.CardUpdates().Count, 1, 10);
    }
}
