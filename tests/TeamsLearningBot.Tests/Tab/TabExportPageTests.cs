using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using TeamsLearningBot.Content;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Tab.Export;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Tests.Export;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Insights.InsightsHost;

namespace TeamsLearningBot.Tests.Tab;

/// <summary>
/// The CSV export in real headless Chromium against the app on Kestrel and Azurite, signed in with
/// the development sign-in: the tab's Export button and the page behind the <c>export</c> command's
/// link both download a file whose rows are what storage holds, and refusals are told on the page.
/// Screenshots go to <c>artifacts/tab</c> under the test output.
/// </summary>
public sealed class TabExportPageTests(AzuriteFixture azurite, Chromium chromium) : IAsyncLifetime, IClassFixture<Chromium>
{
    private const int OtherFacilitator = 2;
    private const string SalesRoot = "1764300000000";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private ReflectionsHost host = null!;
    private ContentItem sales = null!;
    private PostKey salesCard = null!;
    private string baseUrl = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await ExportHost.StartAsync(azurite, app =>
        {
            app.WithTime(time);
            app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        });
        baseUrl = host.App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        // The card of C1 (#feedback): a comma and quotes, a formula, a line break, an anonymous share.
        await host.SendAsync(host.Share("Named, with a comma, and \"quotes\"", "4", From(3)));
        await host.SendAsync(host.Share("=1+1 is a formula", null, From(4)));
        await host.SendAsync(host.Share("First line\nsecond line", "5", From(6)));
        await host.SendAsync(host.Share("Said without my name", "2", From(5), anonymous: true));
        await host.RefreshAsync();

        // A card of another item (#sales) in the same channel, so a tag filter has something to leave out.
        sales = await AddItemAsync(host, "Discovery calls", "sales");
        salesCard = await ExportHost.PostCardAsync(host, sales, ReflectionsHost.ChannelId, SalesRoot);
        await host.SendAsync(ExportHost.In(salesCard, null, host.Share("Ask about the budget before the demo", "5", From(3))));
        await host.RefreshAsync(salesCard);

        await host.Get<TeamStore>().AddFacilitatorAsync(ReflectionsHost.TeamId, new ChannelAccount { Id = Id(OtherFacilitator), Name = Name(OtherFacilitator), AadObjectId = Aad(OtherFacilitator) }, null, Ct);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Export_on_the_team_tab_downloads_the_CSV_of_the_period_and_tag_the_page_shows()
    {
        var page = await NewPageAsync();
        var problems = Watch(page);
        await page.GotoAsync(TabUrl(Facilitator));
        await page.WaitForSelectorAsync("body[data-loaded='true']");
        await page.WaitForSelectorAsync("#export:not([disabled])");

        // Narrow the page to #feedback, then export: the file has what the page shows.
        await page.FillAsync("#tag", "feedback");
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#filters button[type='submit']"), r => r.Url.Contains("/insights/view?", StringComparison.Ordinal) && r.Url.Contains("tag=feedback", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#export:not([disabled])");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));

        Assert.StartsWith("reflections-learning-lab-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith("-to-2026-11-30-feedback.csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Null(await download.FailureAsync());
        var records = Csv.Parse(await File.ReadAllBytesAsync((await download.PathAsync())!, Ct));
        Assert.Equal(ExportCsv.Header, records[0]);
        var stored = await ExportHost.StoredAsync(host, host.Post, host.Item.Id + " " + host.Item.Title, host.Item.Prompts[0]);
        Assert.Equal(4, stored.Count);
        Assert.Equal(Sorted(stored), Sorted(records.Skip(1)));
        Assert.Contains(records, r => r[4] == "First line\nsecond line");
        Assert.Contains(records, r => r[4] == "'=1+1 is a formula");
        Assert.DoesNotContain(records, r => r[2].StartsWith(sales.Id, StringComparison.Ordinal));

        // The page stays as it was and says what it downloaded.
        await page.WaitForSelectorAsync("body[data-export='started']");
        Assert.Equal("Downloading " + download.SuggestedFilename + ".", await page.Locator("#export-status").InnerTextAsync());
        Assert.True(await page.Locator("svg.chart").CountAsync() > 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "insights-export.png") });
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // Without a tag, the file has the team's other card too.
        await page.FillAsync("#tag", string.Empty);
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#filters button[type='submit']"), r => r.Url.Contains("/insights/view?", StringComparison.Ordinal) && !r.Url.Contains("tag=", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#export:not([disabled])");
        var all = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        Assert.EndsWith("-to-2026-11-30.csv", all.SuggestedFilename, StringComparison.Ordinal);
        var allRecords = Csv.Parse(await File.ReadAllBytesAsync((await all.PathAsync())!, Ct));
        var allStored = stored.Concat(await ExportHost.StoredAsync(host, salesCard, sales.Id + " " + sales.Title, sales.Prompts[0]));
        Assert.Equal(Sorted(allStored), Sorted(allRecords.Skip(1)));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Export_refused_on_the_server_is_told_on_the_page_and_nothing_is_downloaded()
    {
        var page = await NewPageAsync();
        var downloads = 0;
        page.Download += (_, _) => downloads++;
        await page.GotoAsync(TabUrl(OtherFacilitator, theme: "dark"));
        await page.WaitForSelectorAsync("#export:not([disabled])");

        // Removed as facilitator after the page loaded: the server decides at the click.
        Assert.Equal(FacilitatorRemoval.Removed, await host.Get<TeamStore>().RemoveFacilitatorAsync(ReflectionsHost.TeamId, Id(OtherFacilitator), Ct));
        await page.ClickAsync("#export");
        await page.WaitForSelectorAsync("body[data-export='refused']");

        var note = page.Locator("#export-status");
        Assert.Equal("Export refused: Only this team's facilitators can export its reflections. Ask one of them to make you a facilitator.", await note.InnerTextAsync());
        Assert.Contains("error", await note.GetAttributeAsync("class") ?? string.Empty, StringComparison.Ordinal);
        Assert.False(await page.Locator("#export").IsDisabledAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "insights-export-refused.png") });
        Assert.Equal(0, downloads);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_private_channel_s_tab_shows_its_insights_and_CSV_to_a_member_and_nothing_of_it_to_a_facilitator_outside_it()
    {
        const string Secret = "19:9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d@thread.tacv2";
        const string Title = "Leadership offsite";
        string[] said =
        [
            "Offsite budget first, then the hiring plan",
            "The offsite agenda needs the reorganisation up front",
            "Offsite: we keep the reorganisation quiet until March",
            "Budget cuts at the offsite, said only among leads",
            "Offsite hiring freeze is what I took away",
        ];
        var leads = await AddItemAsync(host, Title, "leads");
        var card = await ExportHost.PostCardAsync(host, leads, Secret, "1764311111111");
        int[] members = [Facilitator, 3, 4, 5, 6];
        for (var i = 0; i < said.Length; i++)
        {
            await host.SendAsync(ExportHost.In(card, "private", host.Share(said[i], "5", From(members[i]))));
        }

        await host.RefreshAsync(card);
        host.Teams.ChannelMembers[Secret] = [.. members.Select(Member)];

        // A facilitator in the channel: the channel's own figures, and its reflections in the CSV, nothing else.
        var page = await NewPageAsync();
        var problems = Watch(page);
        await page.GotoAsync(TabUrl(Facilitator, channel: Secret));
        await page.WaitForSelectorAsync("body[data-loaded='true']");
        await page.WaitForSelectorAsync("#export:not([disabled])");
        Assert.Equal(1, await page.Locator("#content [data-scope='channel']").CountAsync());
        var shown = await page.Locator("#content").InnerTextAsync();
        Assert.Contains(Title, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Item.Title, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(sales.Title, shown, StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var records = Csv.Parse(await File.ReadAllBytesAsync((await download.PathAsync())!, Ct));
        Assert.Equal(said.Order(StringComparer.Ordinal), records.Skip(1).Select(r => r[4]).Order(StringComparer.Ordinal));
        Assert.All(records.Skip(1), r => Assert.Equal(leads.Id + " " + Title, r[2]));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "insights-private-channel.png") });
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.CloseAsync();

        // A facilitator of the team outside the channel: refused in the channel's tab, and in the team's tab and its CSV none of the channel's content.
        var outside = await NewPageAsync();
        var downloads = 0;
        outside.Download += (_, _) => downloads++;
        await outside.GotoAsync(TabUrl(OtherFacilitator, channel: Secret));
        await outside.WaitForSelectorAsync("body[data-loaded='error']");
        Assert.Equal(
            "This tab is in a private or shared channel: only the team's facilitators who are members of the channel can see its insights.",
            await outside.Locator("#status").InnerTextAsync());
        Assert.True(await outside.Locator("#export").IsDisabledAsync());
        AssertNothingOf(await outside.ContentAsync());
        await outside.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "insights-private-channel-outsider.png") });

        await outside.GotoAsync(TabUrl(OtherFacilitator));
        await outside.WaitForSelectorAsync("body[data-loaded='true']");
        await outside.WaitForSelectorAsync("#export:not([disabled])");
        Assert.Equal(0, await outside.Locator("#content [data-scope='channel']").CountAsync());
        AssertNothingOf(await outside.ContentAsync());
        var team = await outside.RunAndWaitForDownloadAsync(() => outside.ClickAsync("#export"));
        var teamBytes = await File.ReadAllBytesAsync((await team.PathAsync())!, Ct);
        var teamRecords = Csv.Parse(teamBytes);
        Assert.Equal(4, teamRecords.Count(r => r[2] == host.Item.Id + " " + host.Item.Title));
        AssertNothingOf(System.Text.Encoding.UTF8.GetString(teamBytes));
        Assert.Equal(1, downloads);
        await outside.CloseAsync();

        void AssertNothingOf(string text)
        {
            Assert.DoesNotContain(Title, text, StringComparison.Ordinal);
            Assert.DoesNotContain("ffsite", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_export_command_s_link_signs_in_and_downloads_the_CSV_of_what_storage_holds()
    {
        var link = await ExportLinkAsync("export since 2026-11-01");
        var page = await NewPageAsync();
        var problems = Watch(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GotoAsync(SignedIn(link, Facilitator)));
        await page.WaitForSelectorAsync("body[data-state='downloaded']");

        Assert.Equal("reflections-learning-lab-2026-11-01-to-2026-11-30.csv", download.SuggestedFilename);
        Assert.Equal("Reflections export", await page.Locator("main h1").InnerTextAsync());
        Assert.Equal("all reflections, 1 Nov 2026 to 30 Nov 2026", await page.Locator("main p.subtle").InnerTextAsync());
        Assert.Equal("Downloaded " + download.SuggestedFilename + ".", await page.Locator("#status").InnerTextAsync());
        var records = Csv.Parse(await File.ReadAllBytesAsync((await download.PathAsync())!, Ct));
        var stored = (await ExportHost.StoredAsync(host, host.Post, host.Item.Id + " " + host.Item.Title, host.Item.Prompts[0]))
            .Concat(await ExportHost.StoredAsync(host, salesCard, sales.Id + " " + sales.Title, sales.Prompts[0])).ToList();
        Assert.Equal(5, stored.Count);
        Assert.Equal(Sorted(stored), Sorted(records.Skip(1)));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "export-link.png") });
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_export_command_s_link_is_refused_on_its_page_to_someone_else_and_once_expired()
    {
        var link = await ExportLinkAsync("export feedback since 2026-11-01");
        var page = await NewPageAsync();
        var downloads = 0;
        page.Download += (_, _) => downloads++;

        // Another facilitator of the same team signs in with someone else's link.
        await page.GotoAsync(SignedIn(link, OtherFacilitator));
        await page.WaitForSelectorAsync("body[data-state='refused']");
        Assert.Equal("This export link is someone else's", await page.Locator("main h1").InnerTextAsync());
        Assert.Contains("works only when they are signed in", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "export-link-someone-else.png") });

        // Fifteen minutes later the server refuses the page itself.
        time.Advance(TimeSpan.FromMinutes(15));
        var response = await page.GotoAsync(SignedIn(link, Facilitator));
        Assert.Equal((int)HttpStatusCode.Gone, response!.Status);
        Assert.Equal("refused", await page.Locator("body").GetAttributeAsync("data-state"));
        Assert.Equal("This export link has expired", await page.Locator("main h1").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "export-link-expired.png") });
        Assert.Equal(0, downloads);
        await page.CloseAsync();
    }

    private async Task<IPage> NewPageAsync() =>
        await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 700 }, AcceptDownloads = true });

    private string TabUrl(int learner, string theme = "default", string? channel = null) =>
        $"{baseUrl}/tab/insights.html?tenant={ReflectionsHost.TenantId}&user={Aad(learner)}&name={Uri.EscapeDataString(Name(learner))}&theme={theme}"
        + $"&team={Uri.EscapeDataString(ReflectionsHost.TeamId)}&period={Uri.EscapeDataString("last 4 weeks")}"
        + (channel is null ? string.Empty : "&channel=" + Uri.EscapeDataString(channel));

    /// <summary>The link on the card <c>export</c> sends to the facilitator's 1:1 chat.</summary>
    private async Task<Uri> ExportLinkAsync(string command)
    {
        host.Teams.Reset();
        await host.SendAsync(host.Command(command, From(Facilitator)));
        var card = Assert.Single(host.Teams.Activities, a => a.ConversationId?.StartsWith("19:", StringComparison.Ordinal) != true).Card()!.Value;
        return new Uri(card.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("type").GetString() == "Action.OpenUrl").GetProperty("url").GetString()!);
    }

    /// <summary>The link on this app's local address, with the development sign-in of <paramref name="learner"/>.</summary>
    private string SignedIn(Uri link, int learner) =>
        $"{baseUrl}{link.PathAndQuery}&tenant={ReflectionsHost.TenantId}&user={Aad(learner)}";

    private static List<string> Sorted(IEnumerable<string[]> records) => [.. records.Select(r => string.Join("\u241F", r)).Order(StringComparer.Ordinal)];

    /// <summary>Console errors and failed requests, except TeamsJS asking its CDN for host origins (refused by the CSP by design).</summary>
    private static List<string> Watch(IPage page)
    {
        const string TeamsJsOrigins = "https://res.cdn.office.net/teams-js/validDomains/";
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains(TeamsJsOrigins, StringComparison.Ordinal))
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.RequestFailed += (_, request) =>
        {
            // A navigation that turns into a download is reported as an aborted request; the download itself is checked.
            if (!request.Url.StartsWith(TeamsJsOrigins, StringComparison.Ordinal) && !request.Url.Contains(ExportLinks.FilePath + "?", StringComparison.Ordinal))
            {
                problems.Add("failed: " + request.Url + " " + request.Failure);
            }
        };
        return problems;
    }
}
