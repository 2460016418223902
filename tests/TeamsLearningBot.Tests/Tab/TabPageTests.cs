using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using TeamsLearningBot.Tab;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Insights.InsightsHost;

namespace TeamsLearningBot.Tests.Tab;

/// <summary>
/// The tab pages in real headless Chromium against the app on Kestrel and Azurite with the seeded
/// team, signed in with the development sign-in (the app runs in Development): the charts show the
/// API's numbers, the tables beside them the same, each theme renders, and the CSP holds.
/// Screenshots go to <c>artifacts/tab</c> under the test output.
/// </summary>
public sealed class TabPageTests(AzuriteFixture azurite, Chromium chromium) : IAsyncLifetime, IClassFixture<Chromium>
{
    private const string TeamsJsOrigins = "https://res.cdn.office.net/teams-js/validDomains/";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
    private ReflectionsHost host = null!;
    private string baseUrl = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await StartAsync(azurite, TabTeam.Members, configure: app =>
        {
            app.WithTime(time);
            app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        });
        await TabTeam.SeedAsync(host);
        baseUrl = host.App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_charts_show_the_API_numbers_and_the_tables_match_them_in_every_theme()
    {
        var api = await ApiAsync($"/api/tab/teams/{Uri.EscapeDataString(ReflectionsHost.TeamId)}/insights?period=last%204%20weeks", Facilitator);
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 900 } });
        foreach (var theme in new[] { "default", "dark", "contrast" })
        {
            var page = await context.NewPageAsync();
            var problems = Watch(page);
            var response = await page.GotoAsync(Url("insights.html", Facilitator, theme, team: ReflectionsHost.TeamId, period: "last 4 weeks"));
            Assert.Contains("frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft", response!.Headers["content-security-policy"], StringComparison.Ordinal);
            await page.WaitForSelectorAsync("body[data-loaded='true']");

            // Participation: four periods, Regular/Occasional/Not yet as the API's percentages (suppressed ones drawn as "<5"), the two benchmark lines.
            var history = api["history"]!.AsArray();
            for (var i = 0; i < history.Count; i++)
            {
                foreach (var (series, field) in new[] { ("Regular", "regular"), ("Occasional", "occasional"), ("Not yet", "notYet") })
                {
                    var percent = (double?)history[i]![field]!["percent"];
                    var bars = page.Locator($"svg[data-chart='participation-chart'] rect[data-series='{series}']");
                    if (percent is { } p)
                    {
                        Assert.Contains(HtmlBuilder.Format(p), await bars.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.value)"));
                    }
                }
            }

            var last = history[^1]!;
            var regular = page.Locator("svg[data-chart='participation-chart'] rect[data-series='Regular']").Last;
            Assert.Equal(HtmlBuilder.Format((double)last["regular"]!["percent"]!), await regular.GetAttributeAsync("data-value"));
            Assert.True((await regular.BoundingBoxAsync())!.Height > 10);
            Assert.Equal(["20", "18"], await page.Locator("svg[data-chart='participation-chart'] line.benchmark").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.benchmark)"));
            var row = await Cells(page, "#participation-table tbody tr:nth-child(4)");
            Assert.Equal(["5 (33%)", "5 (33%)", "5 (33%)"], row.Skip(1));
            Assert.Equal(["Benchmark", "20%", "62%", "18%"], await Cells(page, "#participation-table tbody tr:nth-child(5)"));

            // Reflections per week: the bars, the table and the API agree (5, 5, 5 in the three weeks before this one).
            foreach (var week in api["weeks"]!.AsArray())
            {
                var monday = DateOnly.ParseExact((string)week!["monday"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var label = monday.ToString("d MMM", CultureInfo.InvariantCulture);
                var named = page.Locator($"svg[data-chart='weeks-chart'] rect[data-series='Named'][data-category='{label}']");
                Assert.Equal(HtmlBuilder.Format((double)(int)week["named"]!), await named.GetAttributeAsync("data-value"));
                var cells = await Cells(page, $"#weeks-table tbody tr:has(th:text-is('{monday.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}'))");
                Assert.Equal((string)week["total"]!.ToJsonString(), cells[3]);
            }

            Assert.Equal([5, 5, 5, 0], api["weeks"]!.AsArray().Select(w => (int)w!["total"]!));

            // Relevance: the item's bar is its score, and its row says the same with the rating count.
            var item = api["report"]!["relevance"]!["items"]!.AsArray().Single()!;
            var score = HtmlBuilder.Format(Math.Round((double)item["score"]!, 1));
            Assert.Equal(score, await page.Locator("svg[data-chart='items-chart'] rect.bar").GetAttributeAsync("data-value"));
            var itemRow = await Cells(page, "#items-table tbody tr");
            Assert.Equal([score, "4.6★", "5", "15"], itemRow.Skip(1).Take(4));
            Assert.Equal(score, (await Cells(page, "#tags-table tbody tr"))[1]);

            // Experts per tag: the ten named contributors on #sales.
            Assert.Equal(10, await page.Locator("#experts-sales-table tbody tr").CountAsync());

            var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            var fill = await regular.EvaluateAsync<string>("e => getComputedStyle(e).fill");
            Assert.Equal(theme switch { "dark" => "rgb(31, 31, 31)", "contrast" => "rgb(0, 0, 0)", _ => "rgb(255, 255, 255)" }, background);
            Assert.Equal(theme switch { "dark" => "rgb(127, 133, 245)", "contrast" => "rgb(255, 255, 1)", _ => "rgb(91, 95, 199)" }, fill);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, $"insights-{theme}.png"), FullPage = true });
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Rising_terms_show_their_counts_and_quotes_as_text()
    {
        // Shared from the card, so the text is stored as typed, markup included.
        const string Markup = "<img src=x onerror=alert(1)>";
        await host.SendAsync(host.Share($"Customer onboarding takes far too long in our region {Markup}", "4", From(2)));
        await host.SendAsync(host.Share($"I keep thinking about customer onboarding {Markup} after this.", "4", From(3)));
        await host.SendAsync(host.Share($"Customer onboarding could use the same feedback loop {Markup}", "4", From(4)));
        await host.SendAsync(host.Share($"Our customer onboarding checklist is out of date {Markup}", "4", From(5)));
        var api = await ApiAsync($"/api/tab/teams/{Uri.EscapeDataString(ReflectionsHost.TeamId)}/insights?period=last%204%20weeks", Facilitator);
        var term = api["report"]!["business"]!["terms"]!.AsArray().First(t => (string)t!["term"]! == "customer onboarding")!;
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 900 } });
        var problems = Watch(page);
        await page.GotoAsync(Url("insights.html", Facilitator, "default", team: ReflectionsHost.TeamId, period: "last 4 weeks"));
        await page.WaitForSelectorAsync("body[data-loaded='true']");

        var bar = page.Locator("svg[data-chart='terms-chart'] rect.bar[data-category='customer onboarding']");
        Assert.Equal(HtmlBuilder.Format((double)(int)term["count"]!), await bar.GetAttributeAsync("data-value"));
        Assert.Equal(["customer onboarding", ((int)term["count"]!).ToString(CultureInfo.InvariantCulture), "0"], await Cells(page, "#terms-table tbody tr:has(th:text-is('customer onboarding'))"));
        var quotes = await page.Locator(".quotes[data-term='customer onboarding'] blockquote p").AllInnerTextsAsync();
        Assert.Equal(term["quotes"]!.AsArray().Select(q => (string)q!["text"]!), quotes);

        // What people wrote is text on the page, never markup.
        Assert.Equal(0, await page.Locator("#content img").CountAsync());
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.Contains(Markup, q, StringComparison.Ordinal));
        await page.Locator("#terms").ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "insights-terms.png") });
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.CloseAsync();
    }

    [Fact]
    public async Task My_learning_shows_the_learner_their_own_reflections_and_badges()
    {
        const string Mine = "I will open my next feedback talk with a question about their goals.";
        await host.SendAsync(host.Share(Mine, "5", From(3)));
        await host.SendAsync(host.Share("Feedback lands better when I describe what I saw.", "4", From(4)));
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 900 } });
        var problems = Watch(page);
        await page.GotoAsync(Url("me.html", 3, "default"));
        await page.WaitForSelectorAsync("body[data-loaded='true']");

        Assert.Equal([Mine], await page.Locator("ol.reflections blockquote").AllInnerTextsAsync());
        Assert.Contains("Learner 4", await page.Locator("ul.ask li[data-tag='feedback']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("table.figures tbody tr").CountAsync() > 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "me-default.png"), FullPage = true });
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_learner_on_the_team_tab_is_told_only_facilitators_see_it_and_no_figures_reach_the_page()
    {
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(Url("insights.html", 2, "dark", team: ReflectionsHost.TeamId));
        await page.WaitForSelectorAsync("body[data-loaded='error']");

        Assert.Contains("Only this team's facilitators", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("svg.chart").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Artifacts, "insights-learner.png") });
        await page.CloseAsync();
    }

    [Fact]
    public async Task Outside_Teams_without_a_sign_in_the_page_says_to_open_it_in_Teams()
    {
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(baseUrl + "/tab/insights.html");
        await page.WaitForSelectorAsync("body[data-loaded='error']");

        Assert.Contains("inside Microsoft Teams", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    private string Url(string page, int learner, string theme, string? team = null, string? period = null)
    {
        var query = new List<string> { "tenant=" + ReflectionsHost.TenantId, "user=" + Aad(learner), "name=" + Uri.EscapeDataString(Name(learner)), "theme=" + theme };
        if (team is not null)
        {
            query.Add("team=" + Uri.EscapeDataString(team));
        }

        if (period is not null)
        {
            query.Add("period=" + Uri.EscapeDataString(period));
        }

        return $"{baseUrl}/tab/{page}?{string.Join('&', query)}";
    }

    private async Task<JsonNode> ApiAsync(string path, int learner)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(TabSignIn.DevelopmentScheme, $"{ReflectionsHost.TenantId} {Aad(learner)}");
        var text = await client.GetStringAsync(new Uri(path, UriKind.Relative), Ct);
        return JsonNode.Parse(text)!;
    }

    private static async Task<string[]> Cells(IPage page, string row) =>
        [.. (await page.Locator(row + " > *").AllInnerTextsAsync()).Select(c => c.Trim())];

    /// <summary>
    /// Console errors and failed requests (a CSP violation is both), except the one the page's CSP is
    /// meant to refuse: TeamsJS asks its CDN for the list of valid host origins, and without it uses
    /// the list it ships with.
    /// </summary>
    private static List<string> Watch(IPage page)
    {
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
            if (!request.Url.StartsWith(TeamsJsOrigins, StringComparison.Ordinal))
            {
                problems.Add("failed: " + request.Url);
            }
        };
        return problems;
    }
}
