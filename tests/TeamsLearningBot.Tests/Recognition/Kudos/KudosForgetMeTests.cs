using System.Text.Json.Nodes;
using TeamsLearningBot.Recognition.Kudos;
using TeamsLearningBot.Tests.Infrastructure;
using static TeamsLearningBot.Tests.Recognition.Kudos.KudosHost;

namespace TeamsLearningBot.Tests.Recognition.Kudos;

public sealed class KudosForgetMeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private KudosHost host = null!;

    public async ValueTask InitializeAsync() => host = await KudosHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Forgetting_a_giver_deletes_their_kudos_and_cards_and_unnames_them_where_they_received()
    {
        var toMegan = host.InChannel(Alex, "kudos {0} for the review", Megan);
        var toBoth = host.InChannel(Alex, "kudos {0} and {1} for the launch", Megan, Adele);
        var fromMegan = host.InChannel(Megan, "kudos {0} for the coffee", Alex);
        var other = host.InChannel(Megan, "kudos {0} for the notes", Adele);
        await host.SendAsync(toMegan, toBoth, fromMegan, other);
        Assert.Equal(4, host.KudosCards().Count);
        var store = host.Get<KudosStore>();
        var ct = TestContext.Current.CancellationToken;
        var cardsOfAlex = new[] { (Alex, toMegan), (Alex, toBoth), (Megan, fromMegan) };
        var doomed = new List<string>();
        foreach (var (giver, kudos) in cardsOfAlex)
        {
            doomed.Add((await store.GetAsync(host.KeyOf(giver), Id(kudos), ct))!.CardActivityId!);
        }

        Assert.NotEmpty(await StoredRows.ContainingAsync(host.App.Services, Alex.Id, Alex.AadObjectId, host.KeyOf(Alex)));
        host.Teams.Reset();

        await host.SendAsync(ForgetMe(Alex));

        var left = await StoredRows.ContainingAsync(host.App.Services, Alex.Id, Alex.AadObjectId, host.KeyOf(Alex), "Alex Wilber");
        Assert.True(left.Count == 0, string.Join('\n', left));
        Assert.Contains("kudos given and received", host.Teams.Activities[^1].CardText(), StringComparison.Ordinal);

        // His two cards and Megan's card to him alone are deleted; the rest stays.
        var deleted = host.Teams.Requests.Where(r => r.Method == "DELETE").Select(r => r.Route[^1]).ToList();
        var megansToAlex = await store.GetAsync(host.KeyOf(Megan), Id(fromMegan), ct);
        var megansOther = await store.GetAsync(host.KeyOf(Megan), Id(other), ct);
        Assert.All(doomed, id => Assert.Contains(id, deleted));
        Assert.DoesNotContain(megansOther!.CardActivityId, deleted);
        Assert.DoesNotContain(host.Teams.Requests, r => r.Method == "PUT");

        // Megan's record stays hers, for her history and today's count, without him or her words about him.
        Assert.Empty(megansToAlex!.ReceiverList);
        Assert.Null(megansToAlex.Reason);
        Assert.Equal("the notes", megansOther.Reason);
        Assert.Null(await store.GetAsync(host.KeyOf(Alex), Id(toMegan), ct));
        Assert.Single(await store.ListReceivedAsync(host.KeyOf(Adele), ct));

        host.Teams.Reset();
        await host.SendAsync(ForgetMe(Alex));
        Assert.DoesNotContain("kudos given and received", host.Teams.Activities[^1].CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgetting_one_of_several_receivers_leaves_them_out_of_the_card_and_the_record()
    {
        var kudos = host.InChannel(Alex, "kudos {0} and {1} for the launch", Megan, Adele);
        await host.SendAsync(kudos);
        var posted = await host.Get<KudosStore>().GetAsync(host.KeyOf(Alex), Id(kudos), TestContext.Current.CancellationToken);
        host.Teams.Reset();

        await host.SendAsync(ForgetMe(Megan));

        var update = Assert.Single(host.Teams.Requests, r => r.Method == "PUT");
        Assert.Equal(posted!.CardActivityId, update.Route[^1]);
        Assert.Equal(posted.ConversationId, update.ConversationId);
        Assert.Contains("**Alex Wilber** recognised <at>Adele Vance</at>", update.CardText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Megan", update.BodyText, StringComparison.Ordinal);
        var kept = await host.Get<KudosStore>().GetAsync(host.KeyOf(Alex), Id(kudos), TestContext.Current.CancellationToken);
        Assert.Equal([host.KeyOf(Adele)], kept!.ReceiverList.Select(r => r.Key));
        Assert.Equal("the launch", kept.Reason);
        Assert.Empty(await StoredRows.ContainingAsync(host.App.Services, Megan.Id, Megan.AadObjectId, host.KeyOf(Megan), "Megan Bowen"));
    }

    private static string Id(JsonObject activity) => activity["id"]!.GetValue<string>();

    private JsonObject ForgetMe(Person who) => TestActivities.Load("personal-message", host.Teams.ServiceUrl, a =>
    {
        a["id"] = "f:forget-" + Guid.NewGuid().ToString("N")[..8];
        a["from"] = who.ToJson();
        a["text"] = null;
        a["value"] = new JsonObject { ["verb"] = "privacy.forget" };
    });
}
