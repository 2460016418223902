using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Identity.Client;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Authentication;
using TeamsLearningBot.Tab;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Insights.InsightsHost;

namespace TeamsLearningBot.Tests.Tab;

/// <summary>
/// The tab API end to end: Teams SSO tokens minted for the app registration and checked against
/// keys on loopback, the facilitator decided from storage, and the insights of a seeded team.
/// </summary>
public sealed class TabApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Members = TabTeam.Members;
    private const string OtherTenant = "aaaaaaaa-0000-4000-8000-000000000000";
    private const string OtherTeam = TabTeam.OtherTeam;

    private readonly FakeTimeProvider time = new(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
    private readonly SwitchableTokens tokens = new();
    private EntraIssuer entra = null!;
    private ReflectionsHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => time.GetUtcNow();

    public async ValueTask InitializeAsync()
    {
        entra = await EntraIssuer.StartAsync();
        host = await StartAsync(azurite, Members, configure: app => entra.Configure(app.WithTime(time), ReflectionsHost.TenantId, OtherTenant)
            .WithServices(s => s.AddSingleton<IBotTokenProvider>(tokens)));
        await TabTeam.SeedAsync(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await entra.DisposeAsync();
    }

    public static TheoryData<string> Refusals() =>
    [
        "no header", "not a JWT", "wrong audience", "issuer of another tenant", "v1 token", "tenant not allowed",
        "no access_as_user scope", "expired", "signed by another key", "Basic scheme",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_request_without_a_valid_Teams_SSO_token_is_refused_with_401(string change)
    {
        var facilitator = Aad(Facilitator);
        var header = change switch
        {
            "no header" => null,
            "not a JWT" => new AuthenticationHeaderValue("Bearer", "not-a-token"),
            "wrong audience" => Bearer(EntraIssuer.Mint(ReflectionsHost.TenantId, facilitator, Now, c => c["aud"] = "api://elsewhere/botid-" + EntraIssuer.ClientId)),
            "issuer of another tenant" => Bearer(EntraIssuer.Mint(ReflectionsHost.TenantId, facilitator, Now, c => c["iss"] = $"https://login.microsoftonline.com/{OtherTenant}/v2.0")),
            "v1 token" => Bearer(EntraIssuer.Mint(ReflectionsHost.TenantId, facilitator, Now, c => { c["iss"] = $"https://sts.windows.net/{ReflectionsHost.TenantId}/"; c["ver"] = "1.0"; })),
            "tenant not allowed" => Bearer(EntraIssuer.Mint("bbbbbbbb-0000-4000-8000-000000000000", facilitator, Now)),
            "no access_as_user scope" => Bearer(EntraIssuer.Mint(ReflectionsHost.TenantId, facilitator, Now, c => c["scp"] = "User.Read")),
            "expired" => Bearer(EntraIssuer.Mint(ReflectionsHost.TenantId, facilitator, Now, c => c["exp"] = Now.AddMinutes(-6).ToUnixTimeSeconds())),
            "signed by another key" => Bearer(EntraIssuer.Mint(ReflectionsHost.TenantId, facilitator, Now, unpublishedKey: true)),
            "Basic scheme" => new AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:password"u8.ToArray())),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        using var response = await GetAsync(InsightsPath(ReflectionsHost.TeamId), header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ProblemAsync(response);
        Assert.Equal(401, (int)problem["status"]!);
        Assert.Contains("Authorization: Bearer", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_learner_asking_for_the_team_insights_is_refused_with_403()
    {
        using var response = await GetAsync(InsightsPath(ReflectionsHost.TeamId), Token(2));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("facilitators", (string)(await ProblemAsync(response))["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_of_one_team_asking_for_another_team_is_refused_with_403()
    {
        using var other = await GetAsync(InsightsPath(OtherTeam), Token(Facilitator));
        using var unknown = await GetAsync(InsightsPath("19:unknown@thread.tacv2"), Token(Facilitator));
        using var own = await GetAsync(InsightsPath(OtherTeam), Token(12));

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task The_same_object_id_in_another_tenant_is_not_the_facilitator()
    {
        using var response = await GetAsync(InsightsPath(ReflectionsHost.TeamId), Bearer(EntraIssuer.Mint(OtherTenant, Aad(Facilitator), Now)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_facilitator_sees_the_numbers_the_insights_command_reports()
    {
        using var response = await GetAsync(InsightsPath(ReflectionsHost.TeamId, "period=last%204%20weeks&tag=sales"), Token(Facilitator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("Learning Lab", (string)body["teamName"]!);
        var participation = body["report"]!["participation"]!;
        Assert.Equal(Members, (int)participation["members"]!);
        Assert.Equal(5, (int)participation["regular"]!["now"]!["count"]!);
        Assert.Equal(5, (int)participation["occasional"]!["now"]!["count"]!);
        Assert.Equal(5, (int)participation["notYet"]!["now"]!["count"]!);
        var item = body["report"]!["relevance"]!["items"]!.AsArray().Single()!;
        Assert.Equal(5, (int)item["ratings"]!);
        Assert.Equal(4.6, (double)item["mean"]!, 6);

        // Exactly the report the engine builds for the command's words "sales last 4 weeks", on the same roster.
        InsightsRequest.TryParse("sales last 4 weeks", Today, 28, out var request, out _);
        var expected = await host.Get<InsightsReports>().BuildAsync(new InsightsScope(ReflectionsHost.TeamId), request, Roster(host, Members), Ct);
        Assert.Equal(JsonSerializer.SerializeToNode(expected, JsonSerializerOptions.Web)!.ToJsonString(), body["report"]!.ToJsonString());

        var history = body["history"]!.AsArray();
        Assert.Equal(4, history.Count);
        Assert.Equal(request.Period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string)history[^1]!["to"]!);
        Assert.Equal(5, (int)history[^1]!["regular"]!["count"]!);
    }

    [Fact]
    public async Task The_insights_carry_reflections_per_week_and_the_experts_of_the_tags()
    {
        using var response = await GetAsync(InsightsPath(ReflectionsHost.TeamId, "period=last%204%20weeks"), Token(Facilitator));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        var weeks = body["weeks"]!.AsArray();
        Assert.Equal(4, weeks.Count);
        var byMonday = weeks.ToDictionary(w => (string)w!["monday"]!, w => (int)w!["total"]!);
        string Monday(int ago) => DateOnly.FromDateTime(WeeksAgo(ago).UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(5, byMonday[Monday(1)]);
        Assert.Equal(5, byMonday[Monday(2)]);
        Assert.Equal(5, byMonday[Monday(3)]);
        Assert.Equal(0, byMonday[Monday(0)]);
        var sales = body["experts"]!.AsArray().Single(e => (string)e!["tag"]! == "sales")!;
        Assert.Equal(10, sales["experts"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_tab_in_a_private_channel_shows_only_that_channel_s_insights_to_facilitators_who_are_its_members()
    {
        const string Secret = "19:5e1a7c0b9f2d4e6a8b3c1d0e9f8a7b6c@thread.tacv2";
        for (var n = 2; n <= 7; n++)
        {
            await PublishAsync(host, Reflected(host, n, host.Item.Number, WeeksAgo(1), channel: Secret, channelType: "private"));
        }

        host.Teams.ChannelMembers[Secret] = [.. new[] { Facilitator, 2, 3, 4, 5, 6, 7 }.Select(Member)];
        var query = "period=last%204%20weeks&channel=" + Uri.EscapeDataString(Secret);

        using var channel = await GetAsync(InsightsPath(ReflectionsHost.TeamId, query), Token(Facilitator));
        using var team = await GetAsync(InsightsPath(ReflectionsHost.TeamId, "period=last%204%20weeks"), Token(Facilitator));
        using var member = await GetAsync(InsightsPath(ReflectionsHost.TeamId, query), Token(2));

        Assert.Equal(HttpStatusCode.OK, channel.StatusCode);
        var inChannel = JsonNode.Parse(await channel.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(Secret, (string)inChannel["privateChannelId"]!);
        Assert.Equal(Secret, (string)inChannel["report"]!["channelId"]!);
        Assert.Equal(7, (int)inChannel["report"]!["participation"]!["members"]!);
        Assert.Equal(6, Week(inChannel, 1));
        Assert.Equal(0, Week(inChannel, 2));
        var inTeam = JsonNode.Parse(await team.Content.ReadAsStringAsync(Ct))!;
        Assert.Null(inTeam["privateChannelId"]);
        Assert.Equal(5, Week(inTeam, 1));
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);

        // A facilitator of the team who is not in the channel sees nothing of it, nor can export it.
        host.Teams.ChannelMembers[Secret] = [.. Enumerable.Range(2, 6).Select(Member)];
        using var outsider = await GetAsync(InsightsPath(ReflectionsHost.TeamId, query), Token(Facilitator));
        using var view = await GetAsync($"/api/tab/teams/{Uri.EscapeDataString(ReflectionsHost.TeamId)}/insights/view?{query}", Token(Facilitator));
        using var export = await SendAsync(HttpMethod.Post, $"/api/tab/teams/{Uri.EscapeDataString(ReflectionsHost.TeamId)}/export-link?{query}", Token(Facilitator));
        Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);
        Assert.Contains("members of the channel", (string)(await ProblemAsync(outsider))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, view.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
    }

    [Fact]
    public async Task A_tab_in_a_standard_channel_shows_the_team_s_insights_and_teams_refusing_the_members_refuses_the_view()
    {
        const string Unlisted = "19:0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d@thread.tacv2";
        await host.Get<TeamStore>().SaveChannelAsync(ReflectionsHost.TeamId, ReflectionsHost.ChannelId, "Sales", Ct);

        using var general = await GetAsync(InsightsPath(ReflectionsHost.TeamId, "period=last%204%20weeks&channel=" + Uri.EscapeDataString(ReflectionsHost.TeamId)), Token(Facilitator));
        using var listed = await GetAsync(InsightsPath(ReflectionsHost.TeamId, "period=last%204%20weeks&channel=" + Uri.EscapeDataString(ReflectionsHost.ChannelId)), Token(Facilitator));
        host.Teams.Outage = new FakeFailure { StatusCode = HttpStatusCode.Forbidden };
        using var unlisted = await GetAsync(InsightsPath(ReflectionsHost.TeamId, "period=last%204%20weeks&channel=" + Uri.EscapeDataString(Unlisted)), Token(Facilitator));
        host.Teams.Outage = null;

        foreach (var response in new[] { general, listed })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            Assert.Null(body["privateChannelId"]);
            Assert.Equal(5, Week(body, 1));
        }

        Assert.Equal(HttpStatusCode.Forbidden, unlisted.StatusCode);
    }

    public static TheoryData<string> TeamsFaults() => ["Connector 500", "Connector 401", "no bot token"];

    [Theory]
    [MemberData(nameof(TeamsFaults))]
    public async Task Teams_failing_to_list_a_private_channel_s_members_answers_503_with_Retry_After_and_nothing_of_the_channel(string fault)
    {
        const string Secret = "19:7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a@thread.tacv2";
        host.Teams.ChannelMembers[Secret] = [.. new[] { Facilitator, 2, 3, 4, 5 }.Select(Member)];
        var query = "period=last%204%20weeks&channel=" + Uri.EscapeDataString(Secret);
        var team = Uri.EscapeDataString(ReflectionsHost.TeamId);
        switch (fault)
        {
            // 500 and 401 are not retried by the Connector pipeline: the first answer reaches the tab.
            case "Connector 500": host.Teams.Outage = FakeFailure.Status(HttpStatusCode.InternalServerError, "InternalServerError", "Scripted."); break;
            case "Connector 401": host.Teams.Outage = FakeFailure.Status(HttpStatusCode.Unauthorized, "Unauthorized", "Scripted."); break;
            default: tokens.Failing = true; break;
        }

        using var insights = await GetAsync(InsightsPath(ReflectionsHost.TeamId, query), Token(Facilitator));
        using var view = await GetAsync($"/api/tab/teams/{team}/insights/view?{query}", Token(Facilitator));
        using var link = await SendAsync(HttpMethod.Post, $"/api/tab/teams/{team}/export-link?{query}", Token(Facilitator));
        using var csv = await GetAsync($"/api/tab/teams/{team}/export.csv?{query}", Token(Facilitator));
        host.Teams.Outage = null;
        tokens.Failing = false;

        foreach (var response in new[] { insights, view, link, csv })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await ProblemAsync(response);
            Assert.Equal(503, (int)problem["status"]!);
            Assert.Equal("Teams did not answer when asked who is in this channel. Try again in a moment.", (string)problem["detail"]!);
        }

        // Once Teams answers again, the same request shows the channel.
        using var again = await GetAsync(InsightsPath(ReflectionsHost.TeamId, query), Token(Facilitator));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Secret, (string)JsonNode.Parse(await again.Content.ReadAsStringAsync(Ct))!["privateChannelId"]!);
    }

    [Fact]
    public async Task The_team_s_view_without_a_bot_token_counts_those_who_contributed_instead_of_failing()
    {
        tokens.Failing = true;
        using var response = await GetAsync(InsightsPath(ReflectionsHost.TeamId, "period=last%204%20weeks"), Token(Facilitator));
        tokens.Failing = false;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(5, Week(body, 1));
        Assert.Equal(10, (int)body["report"]!["participation"]!["members"]!);
    }

    private static int Week(JsonNode body, int ago)
    {
        var monday = DateOnly.FromDateTime(WeeksAgo(ago).UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return (int)body["weeks"]!.AsArray().Single(w => (string)w!["monday"]! == monday)!["total"]!;
    }

    [Fact]
    public async Task My_learning_shows_my_own_reflections_and_badges_and_nobody_else_s_reflections()
    {
        const string Mine = "I will open my next feedback talk with a question about their goals.";
        const string Theirs = "Feedback lands better when I describe what I saw, not what I think.";
        await host.SendAsync(host.Share(Mine, "5", From(3)));
        await host.SendAsync(host.Share(Theirs, "4", From(4)));
        await host.SendAsync(host.Share("Asking first, then listening, changed my one-to-ones.", "4", From(5)));

        using var mine = await GetAsync("/api/tab/me", Bearer(EntraIssuer.Mint(ReflectionsHost.TenantId, Aad(3), Now, c => c["name"] = Name(3))));
        using var none = await GetAsync("/api/tab/me", Token(11));
        using var anonymous = await GetAsync("/api/tab/me", null);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var text = await mine.Content.ReadAsStringAsync(Ct);
        var body = JsonNode.Parse(text)!;
        var reflection = body["reflections"]!.AsArray().Single()!;
        Assert.Equal(Mine, (string)reflection["text"]!);
        Assert.Equal("Giving feedback that lands", (string)reflection["itemTitle"]!);
        Assert.DoesNotContain(Theirs, text, StringComparison.Ordinal);
        var team = body["teams"]!.AsArray().Single(t => (string)t!["teamId"]! == ReflectionsHost.TeamId)!;
        Assert.Equal("Learning Lab", (string)team["teamName"]!);
        Assert.Contains(team["badges"]!.AsArray(), b => (int)b!["count"]! > 0);
        var experts = team["experts"]!.AsArray().Single(e => (string)e!["tag"]! == "feedback")!["names"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains(Name(4), experts);
        Assert.DoesNotContain(Name(3), experts);

        var nobody = JsonNode.Parse(await none.Content.ReadAsStringAsync(Ct))!;
        Assert.Empty(nobody["reflections"]!.AsArray());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task My_learning_reads_the_cards_last_written_on_and_shows_the_newest_reflections()
    {
        // More cards than are read, whose keys sort oldest first: the newest must still be the ones shown.
        const int cards = MyLearningReader.MaxCards + 6;
        for (var i = 0; i < cards; i++)
        {
            var card = await host.PostCardAsync(ReflectionsHost.ChannelId, (1764300000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await host.SendAsync(ReflectionsHost.On(card, host.Share($"Card {i}: the question first, then the story.", "4", From(3))));
            time.Advance(TimeSpan.FromHours(1));
        }

        using var response = await GetAsync("/api/tab/me", Token(3));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        var shown = body["reflections"]!.AsArray().Select(r => (string)r!["text"]!).ToList();
        Assert.Equal(Enumerable.Range(cards - MyLearningReader.MaxReflections, MyLearningReader.MaxReflections).Reverse().Select(i => $"Card {i}: the question first, then the story."), shown);
    }

    public static TheoryData<string> BadQueries() =>
    [
        "period=last%20month", "period=since%202031-01-01", "period=sales", "tag=sales&item=C1", "item=twelve", "tag=two%20words",
    ];

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_period_tag_or_item_is_a_400_that_says_what_was_wrong(string query)
    {
        using var response = await GetAsync(InsightsPath(ReflectionsHost.TeamId, query), Token(Facilitator));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((string?)(await ProblemAsync(response))["detail"]));
    }

    private static string InsightsPath(string teamId, string? query = null) =>
        $"/api/tab/teams/{Uri.EscapeDataString(teamId)}/insights" + (query is null ? string.Empty : "?" + query);

    private AuthenticationHeaderValue Token(int learner) => Bearer(EntraIssuer.Mint(ReflectionsHost.TenantId, Aad(learner), Now));

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private Task<HttpResponseMessage> GetAsync(string path, AuthenticationHeaderValue? authorization) => SendAsync(HttpMethod.Get, path, authorization);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, AuthenticationHeaderValue? authorization)
    {
        var client = host.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = authorization;
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        return await client.SendAsync(request, Ct);
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

    /// <summary>No token, as locally (the fake Connector takes calls without one); or, while <see cref="Failing"/>, Entra refusing the bot its token.</summary>
    private sealed class SwitchableTokens : IBotTokenProvider
    {
        public bool Failing { get; set; }

        public Task<string?> GetTokenAsync(bool forceRefresh = false, CancellationToken cancellationToken = default) =>
            Failing
                ? Task.FromException<string?>(new MsalServiceException("invalid_client", "AADSTS7000222: The provided client secret keys are expired."))
                : Task.FromResult<string?>(null);
    }
}
