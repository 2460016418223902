namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// The headers of every export response: the tab's Content-Security-Policy (this origin only, framed
/// only by Teams and the Microsoft 365 hosts), no sniffing, no referrer (the link holds a ticket), no caching.
/// </summary>
internal static class ExportHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        + "frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.microsoft365.com https://*.office.com "
        + "https://outlook.office.com https://outlook.office365.com";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
