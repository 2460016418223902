using System.Net;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Privacy;

public sealed class TenantFilterTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly BotApplicationFactory app = new BotApplicationFactory(azurite)
        .WithSetting("AllowedTenants", "11111111-2222-3333-4444-555555555555; 72f988bf-86f1-41af-91ab-2d7cd011db47");

    private FakeConnector teams = null!;

    public async ValueTask InitializeAsync() => teams = await FakeConnector.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task An_allowed_tenant_is_served()
    {
        await app.PostActivityAsync(TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help"), TestContext.Current.CancellationToken);

        Assert.Single(teams.Activities);
    }

    [Fact]
    public async Task Another_tenant_gets_no_answer_and_nothing_is_stored()
    {
        var foreign = TestActivities.Load("conversation-update-bot-added-to-team", teams.ServiceUrl, a =>
        {
            a["channelData"]!["tenant"]!["id"] = "99999999-0000-0000-0000-000000000000";
            a["conversation"]!["tenantId"] = "99999999-0000-0000-0000-000000000000";
        });

        var response = await app.PostActivityAsync(foreign, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(teams.Requests);
        var team = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<TeamsLearningBot.Teams.TeamStore>(app.Services)
            .GetAsync("19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2", TestContext.Current.CancellationToken);
        Assert.Null(team);
    }
}
