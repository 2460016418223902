using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Privacy;

public sealed class ForgetMeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Megan = "29:1a2b3c4d5e6f-user-megan";
    private readonly BotApplicationFactory app = new(azurite);
    private FakeConnector teams = null!;

    public async ValueTask InitializeAsync() => teams = await FakeConnector.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task Forget_me_asks_first_then_leaves_nothing_that_names_the_person()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.PostActivityAsync(TestActivities.Load("installation-update-add", teams.ServiceUrl), ct);
        await app.PostActivityAsync(AsMegan(a => a["text"] = "help"), ct);
        await app.PostActivityAsync(AsMegan(a =>
        {
            a["type"] = "installationUpdate";
            a["action"] = "add";
        }), ct);
        teams.Reset();

        await app.PostActivityAsync(AsMegan(a => a["text"] = "forget me"), ct);
        Assert.Contains("Forget me?", Assert.Single(teams.Activities).CardText(), StringComparison.Ordinal);
        Assert.NotEmpty(await RowsMentioningAsync(Megan, ct));

        await app.PostActivityAsync(AsMegan(a => a["value"] = new System.Text.Json.Nodes.JsonObject { ["verb"] = "privacy.forget" }), ct);

        var done = teams.Activities[^1].CardText();
        Assert.Contains("you're forgotten", done, StringComparison.Ordinal);
        Assert.Contains("facilitator roles and chat references", done, StringComparison.Ordinal);
        Assert.Empty(await RowsMentioningAsync(Megan, ct));

        await app.PostActivityAsync(AsMegan(a => a["value"] = new System.Text.Json.Nodes.JsonObject { ["verb"] = "privacy.forget" }), ct);
        Assert.Contains("nothing stored about you", teams.Activities[^1].CardText(), StringComparison.Ordinal);
    }

    private System.Text.Json.Nodes.JsonObject AsMegan(Action<System.Text.Json.Nodes.JsonObject> change) =>
        TestActivities.Load("personal-message", teams.ServiceUrl, a =>
        {
            a["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = Megan, ["name"] = "Megan Bowen", ["aadObjectId"] = "0c2f7b1a-3e4d-4f5a-8b6c-7d8e9f0a1b2c" };
            change(a);
        });

    // Every row of every table of this app, searched for the user's id in any key or property.
    private async Task<List<string>> RowsMentioningAsync(string userId, CancellationToken ct)
    {
        var found = new List<string>();
        await foreach (var table in app.Services.GetRequiredService<StorageTables>().ListOwnTablesAsync(ct))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: ct))
            {
                if (row.Any(p => p.Value is string s && (s.Contains(userId, StringComparison.Ordinal) || s.Contains(TableKeys.Encode(userId), StringComparison.Ordinal))))
                {
                    found.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}");
                }
            }
        }

        return found;
    }
}
