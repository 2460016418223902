using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Recognition.Kudos.KudosHost;

namespace TeamsLearningBot.Tests.Recognition.Kudos;

/// <summary>Kudos and reactions end to end, through <c>/api/messages</c>, into the badge engine.</summary>
public sealed class KudosBadgesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Fifty_kudos_at_once_to_one_person_each_delivered_twice_count_fifty_and_award_each_tier_of_Appreciated_once()
    {
        var givers = Enumerable.Range(1, 50)
            .Select(i => new Person($"29:1giver-{i:D4}", $"Giver {i}", $"00000000-0000-4000-9000-{i:D12}"))
            .ToList();
        await using var host = await KudosHost.StartAsync(azurite, [Megan, .. givers]);
        var kudos = givers.Select(g => host.InChannel(g, "kudos {0} for helping me this week", Megan)).ToList();

        var responses = await Task.WhenAll(kudos.SelectMany(k => new[] { k, k.DeepClone().AsObject() })
            .Select(k => Task.Run(() => host.App.PostActivityAsync(k, TestContext.Current.CancellationToken))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(50, host.KudosCards().Count);
        var ledger = host.Get<BadgeLedger>();
        var appreciated = host.Get<BadgeCatalogue>().Find("appreciated")!;
        var partition = BadgeLedger.Partition(TeamId, host.KeyOf(Megan));
        var progress = await ledger.GetProgressAsync(partition, TestContext.Current.CancellationToken);
        Assert.Equal(50, progress!.Count(appreciated));
        var awards = await ledger.ListAwardsAsync(partition, TestContext.Current.CancellationToken);
        Assert.Equal(["bronze", "silver", "gold"], awards.Where(a => a.BadgeId == "appreciated").OrderBy(a => a.TierIndex).Select(a => a.Tier));
        Assert.Equal(3, awards.Count);

        // Each tier is congratulated once, in the thread of a kudos; every giver counts one person toward Encourager.
        Assert.Equal(3, host.Teams.Activities.Count(r => r.Method == "POST" && r.Text?.Contains("Congratulations", StringComparison.Ordinal) == true));
        var encourager = host.Get<BadgeCatalogue>().Find("encourager")!;
        foreach (var giver in givers.Take(5))
        {
            var theirs = await ledger.GetProgressAsync(BadgeLedger.Partition(TeamId, host.KeyOf(giver)), TestContext.Current.CancellationToken);
            Assert.Equal(1, theirs!.Count(encourager));
        }
    }

    [Fact]
    public async Task Reactions_added_and_removed_move_Conversation_Starter_progress()
    {
        await using var host = await ReflectionsHost.StartAsync(azurite, refresher: false);
        var author = ReflectionsHost.Learner(1, "Alex Wilber");
        await host.SendAsync(host.Reply("Here is what I will try next week.", author, id: "1764245560001"));
        var ledger = host.Get<BadgeLedger>();
        var starter = host.Get<BadgeCatalogue>().Find("conversation-starter")!;
        var partition = BadgeLedger.Partition(ReflectionsHost.TeamId, host.Get<LearnerKeys>().For(ReflectionsHost.TenantId, author["aadObjectId"]!.GetValue<string>()));
        async Task<int> CountAsync() => (await ledger.GetProgressAsync(partition, TestContext.Current.CancellationToken))?.Count(starter) ?? 0;

        await host.SendAsync(Reaction(host, "1764245560001", 2, added: "like"));
        await host.SendAsync(Reaction(host, "1764245560001", 3, added: "heart"));
        Assert.Equal(0, await CountAsync());

        await host.SendAsync(Reaction(host, "1764245560001", 4, added: "like"));
        Assert.Equal(1, await CountAsync());
        var awarded = await ledger.ListAwardsAsync(partition, TestContext.Current.CancellationToken);
        Assert.Equal(["conversation-starter:bronze"], awarded.Select(a => $"{a.BadgeId}:{a.Tier}"));

        await host.SendAsync(Reaction(host, "1764245560001", 3, removed: "heart"));
        Assert.Equal(0, await CountAsync());

        // Back to three: counted again, and the tier already earned is not awarded twice.
        await host.SendAsync(Reaction(host, "1764245560001", 5, added: "laugh"));
        Assert.Equal(1, await CountAsync());
        Assert.Single(await ledger.ListAwardsAsync(partition, TestContext.Current.CancellationToken));
    }

    private static JsonObject Reaction(ReflectionsHost host, string messageId, int from, string? added = null, string? removed = null) =>
        TestActivities.Load("message-reaction-added", host.Teams.ServiceUrl, a =>
        {
            a["id"] = $"f:{messageId}-{from.ToString(CultureInfo.InvariantCulture)}-{added ?? removed}-{(added is null ? "off" : "on")}";
            a["from"] = ReflectionsHost.Learner(from);
            a["replyToId"] = messageId;
            a.Remove("reactionsAdded");
            a[added is null ? "reactionsRemoved" : "reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = added ?? removed });
        });
}
