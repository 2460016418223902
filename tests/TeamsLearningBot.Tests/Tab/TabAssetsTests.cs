using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsLearningBot.Tab;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Tab;

/// <summary>The tab's pages as files and as served: TeamsJS at the version package.json pins, the CSP, no inline script or style.</summary>
public sealed partial class TabAssetsTests(AzuriteFixture azurite)
{
    private static readonly string Pages = Path.Combine(RepositoryRoot.Path, "src", "TeamsLearningBot", "wwwroot", "tab");

    private static string PinnedTeamsJs =>
        (string)JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "package.json")))!["dependencies"]!["@microsoft/teams-js"]!;

    [Fact]
    public void The_pages_load_the_vendored_TeamsJS_of_the_pinned_version()
    {
        var version = PinnedTeamsJs;
        Assert.Matches(@"^\d+\.\d+\.\d+$", version);
        var vendored = Path.Combine(Pages, "lib", "teams-js", version, "MicrosoftTeams.min.js");
        Assert.True(File.Exists(vendored), $"TeamsJS {version} is not vendored at {vendored}");
        foreach (var page in new[] { "insights.html", "me.html", "config.html" })
        {
            var html = File.ReadAllText(Path.Combine(Pages, page));
            Assert.Contains($"src=\"lib/teams-js/{version}/MicrosoftTeams.min.js\"", html, StringComparison.Ordinal);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        }

        // After `npm ci` the package is in node_modules: the vendored copy must be its file, byte for byte.
        var installed = Path.Combine(RepositoryRoot.Path, "node_modules", "@microsoft", "teams-js");
        if (Directory.Exists(installed))
        {
            Assert.Equal(version, (string)JsonNode.Parse(File.ReadAllText(Path.Combine(installed, "package.json")))!["version"]!);
            Assert.Equal(File.ReadAllBytes(Path.Combine(installed, "dist", "umd", "MicrosoftTeams.min.js")), File.ReadAllBytes(vendored));
        }
    }

    [Fact]
    public void Every_page_signs_in_with_the_one_shared_script()
    {
        foreach (var page in new[] { "insights.html", "me.html", "config.html" })
        {
            var html = File.ReadAllText(Path.Combine(Pages, page));
            var shared = html.IndexOf("<script src=\"signin.js\" defer></script>", StringComparison.Ordinal);
            Assert.True(shared > 0 && shared < html.IndexOf("<script src=\"tab.js\"", StringComparison.Ordinal), $"{page} loads signin.js before tab.js");
        }

        // Only signin.js asks TeamsJS for a token or builds the development sign-in.
        Assert.Contains("authentication.getAuthToken()", File.ReadAllText(Path.Combine(Pages, "signin.js")), StringComparison.Ordinal);
        foreach (var script in new[] { "tab.js", "export.js" })
        {
            var text = File.ReadAllText(Path.Combine(Pages, script));
            Assert.Contains("window.learningBotSignIn", text, StringComparison.Ordinal);
            Assert.DoesNotContain("getAuthToken", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"Development \"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_pages_are_served_with_a_strict_CSP_framed_only_by_Teams_and_Microsoft_365()
    {
        await using var app = new BotApplicationFactory(azurite);
        using var client = app.CreateClient();

        foreach (var path in new[] { "/tab/insights.html", "/tab/me.html", "/tab/config.html", "/tab/tab.js", "/tab/signin.js", "/tab/export.js", $"/tab/lib/teams-js/{PinnedTeamsJs}/MicrosoftTeams.min.js" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
            Assert.EndsWith("frame-ancestors " + string.Join(' ', TabPages.FrameAncestors), csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task TeamsJS_is_sent_compressed_to_a_browser_that_accepts_it()
    {
        await using var app = new BotApplicationFactory(azurite);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tab/lib/teams-js/{PinnedTeamsJs}/MicrosoftTeams.min.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.True(body.Length < 100_000, $"{body.Length} bytes sent");
    }

    [Fact]
    public async Task The_development_sign_in_is_refused_outside_Development()
    {
        await using var app = new BotApplicationFactory(azurite)
            .WithSetting("environment", "Production")
            .WithSetting("AllowUnauthenticatedRequests", "true")
            .WithSetting("Privacy:PseudonymSecret", "a-test-secret-of-more-than-thirty-two-characters")
            .WithSetting("Export:SigningKeys:0", Convert.ToBase64String(new byte[32]));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{TabSignIn.DevelopmentScheme} 72f988bf-86f1-41af-91ab-2d7cd011db47 00000000-0000-4000-8000-000000000001");

        using var me = await client.GetAsync(new Uri("/api/tab/me", UriKind.Relative), TestContext.Current.CancellationToken);
        using var probe = await client.GetAsync(new Uri("/tab/development", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
    }

    [Fact]
    public async Task The_development_sign_in_works_in_Development()
    {
        await using var app = new BotApplicationFactory(azurite);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{TabSignIn.DevelopmentScheme} 72f988bf-86f1-41af-91ab-2d7cd011db47 00000000-0000-4000-8000-000000000001");

        using var me = await client.GetAsync(new Uri("/api/tab/me", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
