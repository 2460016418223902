using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Tab.Export;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;
using TeamsLearningBot.Tests.Tab;
using static TeamsLearningBot.Tests.Insights.InsightsHost;

namespace TeamsLearningBot.Tests.Export;

/// <summary>
/// The export link and the tab's download over HTTP: Teams SSO tokens minted for the app
/// registration, the ticket checked on the server, and the CSV against storage on Azurite.
/// </summary>
public sealed class ExportEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string OtherTeam = "19:b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0@thread.tacv2";
    private const int OtherFacilitator = 2;

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private EntraIssuer entra = null!;
    private ReflectionsHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        entra = await EntraIssuer.StartAsync();
        host = await ExportHost.StartAsync(azurite, app => entra.Configure(app.WithTime(time), ReflectionsHost.TenantId));
        await host.SendAsync(host.Share("Named, with a comma, and \"quotes\"", "4", From(3)));
        await host.SendAsync(host.Share("=1+1 is a formula", null, From(4)));
        await host.SendAsync(host.Share("Said without my name", "2", From(5), anonymous: true));
        await host.RefreshAsync();

        // Learner 2 facilitates this team too; another team of the tenant has learner 6 as its only facilitator.
        var teams = host.Get<TeamStore>();
        await teams.AddFacilitatorAsync(ReflectionsHost.TeamId, new ChannelAccount { Id = Id(OtherFacilitator), Name = Name(OtherFacilitator), AadObjectId = Aad(OtherFacilitator) }, null, Ct);
        await teams.RecordInstallAsync(new TeamInstall(OtherTeam, "Other team", null, ReflectionsHost.TenantId, host.Teams.ServiceUrl, null, null), Ct);
        await teams.AddFacilitatorAsync(OtherTeam, new ChannelAccount { Id = Id(6), Name = Name(6), AadObjectId = Aad(6) }, null, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await entra.DisposeAsync();
    }

    [Fact]
    public async Task The_link_from_export_serves_the_sign_in_page_and_then_the_CSV_to_its_facilitator()
    {
        host.Teams.Reset();
        await host.SendAsync(host.Command("export since 2026-11-01", From(Facilitator)));
        var link = new Uri(Assert.Single(host.Teams.Activities, a => a.ConversationId?.StartsWith("19:", StringComparison.Ordinal) != true).Card()!.Value
            .GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("type").GetString() == "Action.OpenUrl").GetProperty("url").GetString()!);

        using var page = await GetAsync(link.PathAndQuery, null);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("frame-ancestors https://teams.microsoft.com", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"<script src=\"{ExportPage.TeamsJsPath}\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains($"<script src=\"{ExportPage.SignInScriptPath}\" defer></script>\n<script src=\"{ExportPage.ScriptPath}\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("all reflections, 1 Nov 2026 to 30 Nov 2026", html, StringComparison.Ordinal);

        var download = ExportLinks.DownloadPath + link.Query;
        using var csv = await GetAsync(download, Token(Facilitator));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", csv.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("reflections-learning-lab-2026-11-01-to-2026-11-30.csv", csv.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("no-store", csv.Headers.CacheControl!.ToString());
        var records = Csv.Parse(await csv.Content.ReadAsByteArrayAsync(Ct));
        var stored = await ExportHost.StoredAsync(host, host.Post, host.Item.Id + " " + host.Item.Title, host.Item.Prompts[0]);
        Assert.Equal(Sorted(stored), Sorted(records.Skip(1)));
        Assert.Contains(records, r => r[4] == "'=1+1 is a formula");
        Assert.Contains(records, r => r[4] == "Said without my name" && r[6] == "anonymous" && r[5].Length == 0);
    }

    [Theory]
    [InlineData(ExportPage.SignInScriptPath, "authentication.getAuthToken()")]
    [InlineData(ExportPage.ScriptPath, "window.learningBotSignIn")]
    public async Task The_page_scripts_are_served_from_the_app_under_the_same_policy(string path, string says)
    {
        using var script = await GetAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains(says, await script.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", script.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExportPage.TeamsJsPath, "text/javascript")]
    [InlineData(ExportPage.StylePath, "text/css")]
    public async Task What_the_page_loads_is_served_by_the_app_itself(string path, string type)
    {
        using var response = await GetAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_expired_link_is_refused_with_a_page_that_says_so_on_the_page_and_on_the_download()
    {
        var ticket = Issue();
        time.Advance(TimeSpan.FromMinutes(15));

        await AssertRefusedAsync(await GetAsync(ExportLinks.PagePath + "?ticket=" + ticket, null), HttpStatusCode.Gone, "This export link has expired");
        await AssertRefusedAsync(await GetAsync(ExportLinks.DownloadPath + "?ticket=" + ticket, Token(Facilitator)), HttpStatusCode.Gone, "This export link has expired");
    }

    [Theory]
    [InlineData("payload")]
    [InlineData("signature")]
    [InlineData("cut")]
    public async Task A_changed_link_is_refused_with_a_page_that_says_so(string change)
    {
        var ticket = Issue();
        var parts = ticket.Split('.');
        var changed = change switch
        {
            // The same grant for another team, signed by nobody.
            "payload" => parts[0] + "." + Issue(team: OtherTeam).Split('.')[1] + "." + parts[2],
            "signature" => parts[0] + "." + parts[1] + "." + (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..],
            _ => ticket[..^5],
        };

        await AssertRefusedAsync(await GetAsync(ExportLinks.PagePath + "?ticket=" + Uri.EscapeDataString(changed), null), HttpStatusCode.Forbidden, "This export link is not valid");
        await AssertRefusedAsync(await GetAsync(ExportLinks.DownloadPath + "?ticket=" + Uri.EscapeDataString(changed), Token(Facilitator)), HttpStatusCode.Forbidden, "This export link is not valid");
    }

    [Fact]
    public async Task A_link_without_a_ticket_is_refused_with_a_page()
    {
        await AssertRefusedAsync(await GetAsync(ExportLinks.PagePath, null), HttpStatusCode.BadRequest, "This link is incomplete");
    }

    [Fact]
    public async Task Another_signed_in_user_is_refused_even_a_facilitator_of_the_same_team()
    {
        var ticket = Issue();

        await AssertRefusedAsync(await GetAsync(ExportLinks.DownloadPath + "?ticket=" + ticket, Token(OtherFacilitator)), HttpStatusCode.Forbidden, "someone else");
        await AssertRefusedAsync(await GetAsync(ExportLinks.DownloadPath + "?ticket=" + ticket, Token(3)), HttpStatusCode.Forbidden, "someone else");
        using var sameUserOtherTenant = await GetAsync(ExportLinks.DownloadPath + "?ticket=" + Issue(tenant: "aaaaaaaa-0000-4000-8000-000000000000"), Token(Facilitator));
        await AssertRefusedAsync(sameUserOtherTenant, HttpStatusCode.Forbidden, "someone else");
    }

    [Fact]
    public async Task A_facilitator_of_one_team_with_a_ticket_for_another_is_refused()
    {
        var ticket = Issue(team: OtherTeam);

        await AssertRefusedAsync(await GetAsync(ExportLinks.DownloadPath + "?ticket=" + ticket, Token(Facilitator)), HttpStatusCode.Forbidden, "You are no longer a facilitator of this team");
    }

    [Fact]
    public async Task A_facilitator_removed_after_the_link_was_made_is_refused()
    {
        var ticket = Issue(learner: OtherFacilitator);
        using (var before = await GetAsync(ExportLinks.DownloadPath + "?ticket=" + ticket, Token(OtherFacilitator)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Equal(FacilitatorRemoval.Removed, await host.Get<TeamStore>().RemoveFacilitatorAsync(ReflectionsHost.TeamId, Id(OtherFacilitator), Ct));

        await AssertRefusedAsync(await GetAsync(ExportLinks.DownloadPath + "?ticket=" + ticket, Token(OtherFacilitator)), HttpStatusCode.Forbidden, "You are no longer a facilitator of this team");
    }

    [Fact]
    public async Task The_download_needs_a_Teams_SSO_token()
    {
        using var none = await GetAsync(ExportLinks.DownloadPath + "?ticket=" + Issue(), null);
        using var forged = await GetAsync(ExportLinks.DownloadPath + "?ticket=" + Issue(), new AuthenticationHeaderValue("Bearer", EntraIssuer.Mint(ReflectionsHost.TenantId, Aad(Facilitator), time.GetUtcNow(), unpublishedKey: true)));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.DoesNotContain("Named, with a comma", await forged.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tab_downloads_the_team_s_CSV_for_a_facilitator_with_its_filter()
    {
        using var csv = await GetAsync(TabPath(ReflectionsHost.TeamId, "tag=feedback&period=since%202026-11-01"), Token(Facilitator));

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("reflections-learning-lab-2026-11-01-to-2026-11-30-feedback.csv", csv.Content.Headers.ContentDisposition.FileName);
        var records = Csv.Parse(await csv.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(3, records.Count - 1);
        Assert.Contains(records, r => r[4] == "Named, with a comma, and \"quotes\"" && r[6] == Name(3) && r[5] == "4");

        using var otherTag = await GetAsync(TabPath(ReflectionsHost.TeamId, "tag=sales"), Token(Facilitator));
        Assert.Single(Csv.Parse(await otherTag.Content.ReadAsByteArrayAsync(Ct)));
    }

    [Fact]
    public async Task The_tab_download_is_refused_to_a_learner_and_to_a_facilitator_of_another_team()
    {
        using var learner = await GetAsync(TabPath(ReflectionsHost.TeamId), Token(3));
        using var otherTeam = await GetAsync(TabPath(OtherTeam), Token(Facilitator));
        using var bad = await GetAsync(TabPath(ReflectionsHost.TeamId, "period=yesterday"), Token(Facilitator));
        using var none = await GetAsync(TabPath(ReflectionsHost.TeamId), null);

        Assert.Equal(HttpStatusCode.Forbidden, learner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTeam.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.DoesNotContain("Named", await learner.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tab_s_export_link_downloads_the_CSV_with_its_ticket_alone_for_two_minutes()
    {
        using var answer = await PostAsync(LinkPath(ReflectionsHost.TeamId, "tag=feedback&period=since%202026-11-01"), Token(Facilitator));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("no-store", answer.Headers.CacheControl!.ToString());
        var link = await answer.Content.ReadFromJsonAsync<ExportLink>(Ct);
        Assert.StartsWith(ExportLinks.FilePath + "?ticket=", link!.Url, StringComparison.Ordinal);
        Assert.Equal("reflections-learning-lab-2026-11-01-to-2026-11-30-feedback.csv", link.FileName);
        Assert.Equal(time.GetUtcNow() + ExportTickets.DirectLifetime, link.ExpiresAt);

        using var csv = await GetAsync(link.Url, null);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(link.FileName, csv.Content.Headers.ContentDisposition.FileName);
        var records = Csv.Parse(await csv.Content.ReadAsByteArrayAsync(Ct));
        var stored = await ExportHost.StoredAsync(host, host.Post, host.Item.Id + " " + host.Item.Title, host.Item.Prompts[0]);
        Assert.Equal(Sorted(stored), Sorted(records.Skip(1)));

        time.Advance(ExportTickets.DirectLifetime);
        await AssertRefusedAsync(await GetAsync(link.Url, null), HttpStatusCode.Gone, "This export link has expired");
    }

    [Fact]
    public async Task The_tab_s_export_link_is_refused_to_a_learner_a_facilitator_of_another_team_and_without_a_token()
    {
        using var learner = await PostAsync(LinkPath(ReflectionsHost.TeamId), Token(3));
        using var otherTeam = await PostAsync(LinkPath(OtherTeam), Token(Facilitator));
        using var bad = await PostAsync(LinkPath(ReflectionsHost.TeamId, "tag=two%20words"), Token(Facilitator));
        using var none = await PostAsync(LinkPath(ReflectionsHost.TeamId), null);

        Assert.Equal(HttpStatusCode.Forbidden, learner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTeam.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.DoesNotContain("ticket", await learner.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_direct_ticket_works_only_for_a_current_facilitator_and_only_on_the_file_download()
    {
        using var answer = await PostAsync(LinkPath(ReflectionsHost.TeamId), Token(OtherFacilitator));
        var link = (await answer.Content.ReadFromJsonAsync<ExportLink>(Ct))!;
        var direct = link.Url[(link.Url.IndexOf('=', StringComparison.Ordinal) + 1)..];

        // Not a link of `export`: its page and its signed-in download refuse it, and a link of `export` needs the sign-in.
        await AssertRefusedAsync(await GetAsync(ExportLinks.PagePath + "?ticket=" + direct, null), HttpStatusCode.Forbidden, "This export link is not valid");
        await AssertRefusedAsync(await GetAsync(ExportLinks.DownloadPath + "?ticket=" + direct, Token(OtherFacilitator)), HttpStatusCode.Forbidden, "This export link is not valid");
        await AssertRefusedAsync(await GetAsync(ExportLinks.FilePath + "?ticket=" + Issue(learner: OtherFacilitator), null), HttpStatusCode.Forbidden, "This export link is not valid");
        await AssertRefusedAsync(await GetAsync(ExportLinks.FilePath, null), HttpStatusCode.BadRequest, "This link is incomplete");

        Assert.Equal(FacilitatorRemoval.Removed, await host.Get<TeamStore>().RemoveFacilitatorAsync(ReflectionsHost.TeamId, Id(OtherFacilitator), Ct));
        await AssertRefusedAsync(await GetAsync(link.Url, null), HttpStatusCode.Forbidden, "You are no longer a facilitator of this team");
    }

    [Fact]
    public async Task A_private_channel_s_export_downloads_only_for_someone_who_is_a_member_of_the_channel_at_the_download()
    {
        const string Secret = "19:3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c@thread.tacv2";
        const string Said = "Said among the leads only";
        var card = await host.PostCardAsync(Secret, "1764242222222");
        await host.SendAsync(ExportHost.In(card, "private", host.Share(Said, null, From(3))));
        await host.RefreshAsync(card);
        IReadOnlyList<FakeMember> members = [.. new[] { Facilitator, OtherFacilitator, 3 }.Select(Member)];
        host.Teams.ChannelMembers[Secret] = members;

        using var answer = await PostAsync(LinkPath(ReflectionsHost.TeamId, "period=since%202026-11-01&channel=" + Uri.EscapeDataString(Secret)), Token(OtherFacilitator));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var link = (await answer.Content.ReadFromJsonAsync<ExportLink>(Ct))!;
        var command = ExportLinks.DownloadPath + "?ticket=" + Issue(learner: OtherFacilitator, channel: Secret);
        using (var member = await GetAsync(link.Url, null))
        {
            Assert.Equal(HttpStatusCode.OK, member.StatusCode);
            Assert.Equal([Said], Csv.Parse(await member.Content.ReadAsByteArrayAsync(Ct)).Skip(1).Select(r => r[4]));
        }

        using (var member = await GetAsync(command, Token(OtherFacilitator)))
        {
            Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        }

        // Removed from the channel between the link and the download, still a facilitator of the team.
        host.Teams.ChannelMembers[Secret] = [.. members.Where(m => m.AadObjectId != Aad(OtherFacilitator))];
        foreach (var removed in new[] { await GetAsync(link.Url, null), await GetAsync(command, Token(OtherFacilitator)) })
        {
            Assert.DoesNotContain(Said, await removed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            await AssertRefusedAsync(removed, HttpStatusCode.Forbidden, "You are no longer a member of this channel");
        }

        // Back in the channel, but Teams does not answer at the download: nothing is downloaded, and the page says to try again.
        host.Teams.ChannelMembers[Secret] = members;
        host.Teams.Outage = FakeFailure.Status(HttpStatusCode.InternalServerError, "InternalServerError", "Scripted.");
        var unavailable = await GetAsync(link.Url, null);
        host.Teams.Outage = null;
        Assert.Equal(TimeSpan.FromSeconds(30), unavailable.Headers.RetryAfter?.Delta);
        await AssertRefusedAsync(unavailable, HttpStatusCode.ServiceUnavailable, "Teams did not answer");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("<main>", html, StringComparison.Ordinal);
            Assert.Contains(says, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Named, with a comma", html, StringComparison.Ordinal);
        }
    }

    private string Issue(string team = ReflectionsHost.TeamId, int learner = Facilitator, string tenant = ReflectionsHost.TenantId, string? channel = null) =>
        Uri.EscapeDataString(host.Get<ExportTickets>().Issue(new ExportTicket
        {
            TeamId = team,
            PrivateChannelId = channel,
            From = new DateOnly(2026, 11, 1),
            To = new DateOnly(2026, 11, 30),
            TenantId = tenant,
            ObjectId = Aad(learner),
            ExpiresAt = default,
        }).Text);

    private static string TabPath(string teamId, string? query = null) =>
        $"/api/tab/teams/{Uri.EscapeDataString(teamId)}/export.csv" + (query is null ? string.Empty : "?" + query);

    private static string LinkPath(string teamId, string? query = null) =>
        $"/api/tab/teams/{Uri.EscapeDataString(teamId)}/export-link" + (query is null ? string.Empty : "?" + query);

    private async Task<HttpResponseMessage> PostAsync(string path, AuthenticationHeaderValue? authorization)
    {
        var client = host.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = authorization;
        return await client.PostAsync(new Uri(path, UriKind.Relative), null, Ct);
    }

    private AuthenticationHeaderValue Token(int learner) => new("Bearer", EntraIssuer.Mint(ReflectionsHost.TenantId, Aad(learner), time.GetUtcNow()));

    private async Task<HttpResponseMessage> GetAsync(string path, AuthenticationHeaderValue? authorization)
    {
        var client = host.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = authorization;
        return await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
    }

    private static List<string> Sorted(IEnumerable<string[]> records) => [.. records.Select(r => string.Join("\u241F", r)).Order(StringComparer.Ordinal)];
}
