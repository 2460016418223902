namespace TeamsLearningBot.Tab;

/// <summary>
/// The tab's pages (<c>wwwroot/tab</c>: the team tab's configuration and content pages, the
/// personal tab, their script, styles and the pinned TeamsJS) served at <c>/tab/*</c> under a
/// strict Content-Security-Policy: everything from this origin only, no inline script or style,
/// and framed only by Teams and the Microsoft 365 hosts.
/// </summary>
public static class TabPages
{
    /// <summary>The hosts that may frame the tab (Teams, Microsoft 365 and Outlook, old domains and *.cloud.microsoft).</summary>
    public static readonly IReadOnlyList<string> FrameAncestors =
    [
        "https://teams.microsoft.com",
        "https://*.teams.microsoft.com",
        "https://*.cloud.microsoft",
        "https://*.microsoft365.com",
        "https://*.office.com",
        "https://outlook.office.com",
        "https://outlook.office365.com",
        "https://outlook-sdf.office.com",
        "https://outlook-sdf.office365.com",
    ];

    public static readonly string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors " + string.Join(' ', FrameAncestors);

    /// <summary>Serves <c>wwwroot/tab</c> at <c>/tab</c> (from the host's web root provider) with the headers above.</summary>
    public static IApplicationBuilder UseInsightsTabPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";

                // TeamsJS sits under its version, so it may be kept; the pages and their script change with the app.
                headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/tab/lib", StringComparison.Ordinal) ? "public, max-age=604800, immutable" : "no-cache";
            },
        };

        // The static files hold no secrets (unlike the API's answers), so they may be compressed over HTTPS: TeamsJS shrinks to a third.
        return app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/tab", StringComparison.Ordinal),
            branch => branch.UseResponseCompression().UseStaticFiles(options));
    }
}
