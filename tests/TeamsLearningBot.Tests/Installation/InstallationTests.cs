using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Installation;

public sealed class InstallationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string TeamId = "19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";
    private readonly BotApplicationFactory app = new(azurite);
    private FakeConnector teams = null!;

    public async ValueTask InitializeAsync() => teams = await FakeConnector.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task Adding_the_bot_to_a_team_stores_team_channels_and_installer_and_welcomes_in_general()
    {
        var response = await app.PostActivityAsync(TestActivities.Load("conversation-update-bot-added-to-team", teams.ServiceUrl), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var store = app.Services.GetRequiredService<TeamStore>();
        var team = await store.GetAsync(TeamId, TestContext.Current.CancellationToken);
        Assert.NotNull(team);
        Assert.True(team.IsActive);
        Assert.Equal("Learning Lab", team.Name);
        Assert.Equal(teams.ServiceUrl, team.ServiceUrl);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", team.TenantId);

        var channels = await store.ListChannelsAsync(TeamId, TestContext.Current.CancellationToken);
        Assert.Equal(["General", "Announcements"], channels.Select(c => c.Name));
        Assert.Equal(TeamId, channels[0].ChannelId);

        var facilitator = Assert.Single(await store.ListFacilitatorsAsync(TeamId, TestContext.Current.CancellationToken));
        Assert.Equal("29:1a2b3c4d5e6f-user-megan", facilitator.UserId);

        var welcome = Assert.Single(teams.Requests, r => r.Method == "POST" && r.Route is ["conversations"]);
        Assert.Equal(TeamId, welcome.Body!.Value.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Contains("Hello, Learning Lab!", welcome.CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_install_that_names_only_ids_records_the_installer_by_the_name_on_the_team_roster()
    {
        teams.Members = [new FakeMember { Id = "29:1a2b3c4d5e6f-user-megan", Name = "Megan Bowen", AadObjectId = "0c2f7b1a-3e4d-4f5a-8b6c-7d8e9f0a1b2c" }];

        (await app.PostActivityAsync(TestActivities.Load("installation-update-add", teams.ServiceUrl), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var store = app.Services.GetRequiredService<TeamStore>();
        var facilitator = Assert.Single(await store.ListFacilitatorsAsync(TeamId, TestContext.Current.CancellationToken));
        Assert.Equal("Megan Bowen", facilitator.Name);
        Assert.Equal("Megan Bowen", (await store.GetAsync(TeamId, TestContext.Current.CancellationToken))!.InstalledByName);
        Assert.Single(teams.Requests, r => r.Method == "GET" && r.Route is ["conversations", TeamId, "members", "29:1a2b3c4d5e6f-user-megan"]);
    }

    [Fact]
    public async Task An_installer_missing_from_the_roster_is_recorded_by_id_and_the_install_goes_on()
    {
        teams.Members = [];

        (await app.PostActivityAsync(TestActivities.Load("installation-update-add", teams.ServiceUrl), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var facilitator = Assert.Single(await app.Services.GetRequiredService<TeamStore>().ListFacilitatorsAsync(TeamId, TestContext.Current.CancellationToken));
        Assert.Equal("29:1a2b3c4d5e6f-user-megan", facilitator.UserId);
        Assert.Null(facilitator.Name);
        Assert.Single(teams.Requests, r => r.Method == "POST" && r.Route is ["conversations"]);
    }

    [Fact]
    public async Task The_twin_install_activities_and_redeliveries_welcome_exactly_once()
    {
        var conversationUpdate = TestActivities.Load("conversation-update-bot-added-to-team", teams.ServiceUrl);
        var installationUpdate = TestActivities.Load("installation-update-add", teams.ServiceUrl);

        var responses = await Task.WhenAll(
            app.PostActivityAsync(conversationUpdate, TestContext.Current.CancellationToken),
            app.PostActivityAsync(installationUpdate, TestContext.Current.CancellationToken),
            app.PostActivityAsync(conversationUpdate, TestContext.Current.CancellationToken));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(teams.Requests, r => r.Method == "POST" && r.Route is ["conversations"]);
    }

    [Fact]
    public async Task A_failed_welcome_is_retried_on_redelivery()
    {
        teams.FailNext(1, HttpStatusCode.InternalServerError, when: r => r.Route is ["conversations"]);

        var first = await app.PostActivityAnyStatusAsync(TestActivities.Load("installation-update-add", teams.ServiceUrl), TestContext.Current.CancellationToken);
        var second = await app.PostActivityAnyStatusAsync(TestActivities.Load("installation-update-add", teams.ServiceUrl), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(teams.Requests, r => r.Route is ["conversations"] && r.Succeeded);
    }

    [Fact]
    public async Task Uninstall_marks_the_team_inactive_and_a_reinstall_welcomes_again()
    {
        await app.PostActivityAsync(TestActivities.Load("installation-update-add", teams.ServiceUrl), TestContext.Current.CancellationToken);
        await app.PostActivityAsync(TestActivities.Load("installation-update-add", teams.ServiceUrl, a => a["action"] = "remove"), TestContext.Current.CancellationToken);

        var store = app.Services.GetRequiredService<TeamStore>();
        Assert.False((await store.GetAsync(TeamId, TestContext.Current.CancellationToken))!.IsActive);

        await app.PostActivityAsync(TestActivities.Load("installation-update-add", teams.ServiceUrl), TestContext.Current.CancellationToken);
        Assert.True((await store.GetAsync(TeamId, TestContext.Current.CancellationToken))!.IsActive);
        Assert.Equal(2, teams.Requests.Count(r => r.Route is ["conversations"]));
    }

    [Fact]
    public async Task Channel_events_keep_the_channel_list_current()
    {
        await app.PostActivityAsync(TestActivities.Load("installation-update-add", teams.ServiceUrl), TestContext.Current.CancellationToken);
        await app.PostActivityAsync(TestActivities.Load("conversation-update-channel-created", teams.ServiceUrl), TestContext.Current.CancellationToken);
        await app.PostActivityAsync(
            TestActivities.Load("conversation-update-channel-created", teams.ServiceUrl, a =>
            {
                a["channelData"]!["eventType"] = "channelRenamed";
                a["channelData"]!["channel"]!["name"] = "Stories from Customers";
            }),
            TestContext.Current.CancellationToken);
        await app.PostActivityAsync(
            TestActivities.Load("conversation-update-channel-created", teams.ServiceUrl, a =>
            {
                a["channelData"]!["eventType"] = "channelDeleted";
                a["channelData"]!["channel"]!["id"] = "19:c0ffee01d2e34f5a@thread.tacv2";
            }),
            TestContext.Current.CancellationToken);

        var channels = await app.Services.GetRequiredService<TeamStore>().ListChannelsAsync(TeamId, TestContext.Current.CancellationToken);
        Assert.Equal(["General", "Stories from Customers"], channels.Select(c => c.Name));
    }

    [Fact]
    public async Task A_personal_install_greets_once_and_is_remembered()
    {
        var install = TestActivities.Load("personal-message", teams.ServiceUrl, a =>
        {
            a["type"] = "installationUpdate";
            a["action"] = "add";
            a.Remove("text");
        });

        await app.PostActivityAsync(install, TestContext.Current.CancellationToken);
        await app.PostActivityAsync(install, TestContext.Current.CancellationToken);

        var greeting = Assert.Single(teams.Activities);
        Assert.StartsWith("a:1qhNLqp", greeting.ConversationId, StringComparison.Ordinal);
        Assert.Contains("Hi Alex Wilber!", greeting.CardText(), StringComparison.Ordinal);
        var stored = await app.Services.GetRequiredService<ConversationStore>()
            .FindPersonalAsync("72f988bf-86f1-41af-91ab-2d7cd011db47", "29:1a2b3c4d5e6f-user-alex", TestContext.Current.CancellationToken);
        Assert.Equal(greeting.ConversationId, stored?.ConversationId);
    }
}
