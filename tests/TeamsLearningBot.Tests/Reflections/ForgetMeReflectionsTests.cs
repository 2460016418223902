using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

public sealed class ForgetMeReflectionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() => host = await ReflectionsHost.StartAsync(azurite, anonymous: true);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_posted_card_s_copy_of_the_item_does_not_keep_who_added_it()
    {
        var channel = "19:ad0ed0c1d2e34f5a@thread.tacv2";
        var post = new TeamsLearningBot.Drops.DropPost
        {
            ChannelId = channel,
            ActivityId = "1764245555555",
            ThreadConversationId = channel + ";messageid=1764245555555",
            TeamId = ReflectionsHost.TeamId,
            DropNumber = 5,
            OccurrenceId = "20261128T120000Z",
            ContentNumber = host.Item.Number,
            Prompt = host.Item.Prompts[0],
            PostedAt = DateTimeOffset.UtcNow,
        };

        await host.Get<ReflectionPostOpener>().OpenAsync(post, host.Item with { AddedById = "29:1a2b3c4d5e6f-user-megan", AddedByName = "Megan Bowen" }, host.Teams.ServiceUrl, TestContext.Current.CancellationToken);

        var card = await host.Get<ReflectionStore>().GetPostAsync(new PostKey(channel, "1764245555555"), TestContext.Current.CancellationToken);
        Assert.Contains("Giving feedback that lands", card!.ItemJson, StringComparison.Ordinal);
        Assert.DoesNotContain("megan", card.ItemJson, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forget_me_erases_named_and_anonymous_reflections_and_ratings_and_adjusts_the_card()
    {
        var megan = ReflectionsHost.Learner(5, "Megan Bowen");
        await host.SendAsync(host.Share("Megan, named.", "5", megan));
        await host.SendAsync(host.Share("Megan, anonymous.", null, megan, anonymous: true));
        await host.SendAsync(host.Reply("Megan, in the thread.", megan));
        await host.SendAsync(host.Share("Alex stays.", "3", ReflectionsHost.Learner(1, "Alex Wilber")));
        await host.SettledCardAsync();
        var key = host.Get<LearnerKeys>().For(ReflectionsHost.TenantId, megan["aadObjectId"]!.GetValue<string>());
        Assert.NotEmpty(await RowsWithAsync(key));
        var before = host.Teams.Requests.Count;

        await host.SendAsync(TestActivities.Load("personal-message", host.Teams.ServiceUrl, a =>
        {
            a["from"] = megan.DeepClone();
            a["text"] = null;
            a["value"] = new JsonObject { ["verb"] = "privacy.forget" };
        }));

        var done = host.Teams.Activities.Last(r => r.ConversationId!.StartsWith("a:", StringComparison.Ordinal)).CardText();
        Assert.Contains("Reflections and relevance ratings\n4", done, StringComparison.Ordinal);
        Assert.Empty(await RowsWithAsync(key));
        var card = await host.SettledCardAsync();
        Assert.Equal((1, 1, 3), (card.Reflections, card.Ratings, card.RatingSum));
        Assert.Contains("1 reflection · relevance 3.0/5 from 1 rating", host.CardUpdates()[^1].CardText(), StringComparison.Ordinal);

        // The bot's thread messages that carried her words were changed or deleted; none repeats them.
        var after = host.Teams.Requests.Skip(before).Where(r => r.ConversationId?.StartsWith(ReflectionsHost.ChannelId, StringComparison.Ordinal) == true).ToList();
        Assert.Contains(after, r => r.Method is "PUT" or "DELETE" && r.Route is ["conversations", _, "activities", var id] && id != ReflectionsHost.RootId);
        Assert.All(after, r => Assert.DoesNotContain("Megan", r.BodyText ?? string.Empty, StringComparison.Ordinal));
        var remaining = Assert.Single(await host.Get<ReflectionStore>().ListReflectionsAsync(host.Post, null, TestContext.Current.CancellationToken));
        Assert.Equal("Alex stays.", remaining.Text);
    }

    [Fact]
    public async Task Forget_me_erases_everything_stored_when_the_bot_s_token_cannot_be_had_for_the_thread_messages()
    {
        var tokens = new FailingBotTokens();
        await using var failing = await ReflectionsHost.StartAsync(azurite, configure: FailingBotTokens.In(tokens));
        var megan = ReflectionsHost.Learner(5, "Megan Bowen");
        await failing.SendAsync(failing.Share("Megan, named.", "5", megan));
        await failing.SendAsync(failing.Reply("Megan, in the thread.", megan));
        await failing.SettledCardAsync();
        var key = failing.Get<LearnerKeys>().For(ReflectionsHost.TenantId, megan["aadObjectId"]!.GetValue<string>());
        Assert.NotEmpty(await RowsWithAsync(failing, key));

        // Entra refuses the first token asked for while she is forgotten: the first change of a
        // thread message that carried her words. The stored copies go all the same, and she is told.
        tokens.FailNext(1);
        await failing.SendAsync(TestActivities.Load("personal-message", failing.Teams.ServiceUrl, a =>
        {
            a["from"] = megan.DeepClone();
            a["text"] = null;
            a["value"] = new JsonObject { ["verb"] = "privacy.forget" };
        }));

        Assert.Equal(0, tokens.FailuresLeft);
        var done = failing.Teams.Activities.Last(r => r.ConversationId!.StartsWith("a:", StringComparison.Ordinal)).CardText();
        Assert.Contains("Reflections and relevance ratings\n3", done, StringComparison.Ordinal);
        Assert.Empty(await RowsWithAsync(failing, key));
    }

    // Rows of the reflections tables (the learner index with them) and of the books that count reflections, holding the learner key anywhere (key, partition or property).
    private Task<List<string>> RowsWithAsync(string learnerKey) => RowsWithAsync(host, learnerKey);

    private static async Task<List<string>> RowsWithAsync(ReflectionsHost host, string learnerKey)
    {
        var found = new List<string>();
        var tables = host.App.Services.GetRequiredService<StorageTables>();
        foreach (var name in new[] { ReflectionStore.TableName, ReflectionIndex.TableName, TeamsLearningBot.Recognition.Badges.BadgeLedger.TableName, TeamsLearningBot.Recognition.Badges.BadgeLearnerStore.TableName, TeamsLearningBot.Recognition.Leaderboard.ContributionStore.TableName, TeamsLearningBot.Insights.InsightsStore.TableName })
        {
            var table = await tables.GetAsync(name, TestContext.Current.CancellationToken);
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
            {
                if (row.PartitionKey.Contains(learnerKey, StringComparison.Ordinal) || row.RowKey.Contains(learnerKey, StringComparison.Ordinal)
                    || row.Select(p => p.Value).OfType<string>().Any(v => v.Contains(learnerKey, StringComparison.Ordinal)))
                {
                    found.Add($"{name}/{row.PartitionKey}/{row.RowKey}");
                }
            }
        }

        return found;
    }
}
