using System.Text.Json.Nodes;
using Azure.Data.Tables;
using TeamsLearningBot.Events;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Recognition.Badges;

public sealed class ForgetMeBadgesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private BadgesHost host = null!;

    public async ValueTask InitializeAsync() => host = await BadgesHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Forget_me_erases_counts_markers_awards_preferences_and_chats_in_every_team_and_deletes_the_congratulations()
    {
        var megan = ReflectionsHost.Learner(5, "Megan Bowen");
        await host.Reflections.SendAsync(host.Reflections.Reply("Worth a read: https://example.org/feedback-guide", megan));
        await host.PublishAsync(host.Event(LearnerEventKind.ReactionReceived, 5, e => e with { SubjectId = "her reflection" }));
        await host.PublishAsync(host.Event(LearnerEventKind.KudosGiven, 5, e => e with { OtherLearnerKey = host.KeyOf(1) }));
        await host.PublishAsync(host.Event(LearnerEventKind.SuggestionApproved, 5, e => e with { TeamId = "19:book-club@thread.v2" }));
        await host.PublishAsync(host.Event(LearnerEventKind.KudosReceived, 1, e => e with { OtherLearnerKey = host.KeyOf(5) }));
        await host.CommandAsync("stop notifications", 5);
        await host.CommandAsync("my badges", 5);
        Assert.Single(host.Congratulations(), c => c.Text!.Contains("Megan Bowen", StringComparison.Ordinal));
        var congratulationId = Assert.Single(await host.AwardsAsync(5), a => a.BadgeId == "resourceful").CongratulationId;
        Assert.NotNull(congratulationId);
        var key = host.KeyOf(5);
        Assert.NotEmpty(await RowsWithAsync(key, BadgesHost.UserId(5)));

        await host.App.PostActivityAsync(
            TestActivities.Load("personal-message", host.Teams.ServiceUrl, a =>
            {
                a["from"] = megan.DeepClone();
                a["text"] = null;
                a["value"] = new JsonObject { ["verb"] = "privacy.forget" };
            }),
            TestContext.Current.CancellationToken);

        var done = host.Teams.Activities[^1].CardText();
        Assert.Contains("badges and badge progress", done, StringComparison.Ordinal);
        Assert.Empty(await RowsWithAsync(key, BadgesHost.UserId(5)));
        Assert.Contains(host.Teams.Requests, r => r.Method == "DELETE" && r.ConversationId == ReflectionsHost.ThreadId && r.Route is [.., "activities", var id] && id == congratulationId);
        Assert.Empty(await host.Get<BadgeLearnerStore>().ListTeamsAsync(key, TestContext.Current.CancellationToken));

        // Someone else's progress stays.
        Assert.Equal(["appreciated:bronze"], await host.TiersAsync(1));
    }

    // Rows of every table of the app holding the learner key or the user id anywhere.
    private async Task<List<string>> RowsWithAsync(string learnerKey, string userId)
    {
        var found = new List<string>();
        var needles = new[] { learnerKey, userId, TableKeys.Encode(userId) };
        await foreach (var table in host.Get<StorageTables>().ListOwnTablesAsync(TestContext.Current.CancellationToken))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
            {
                if (needles.Any(n => row.PartitionKey.Contains(n, StringComparison.Ordinal) || row.RowKey.Contains(n, StringComparison.Ordinal)
                    || row.Select(p => p.Value).OfType<string>().Any(v => v.Contains(n, StringComparison.Ordinal))))
                {
                    found.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}");
                }
            }
        }

        return found;
    }
}
