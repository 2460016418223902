namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// The headers of every export response: the tab's Content-Security-Policy (this origin only, framed
/// only by Teams and the Microsoft 365 hosts), no sniffing, no referrer (the link holds a ticket), no caching.
/// </summary>
internal static class ExportHeaders
{
    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = TabPages.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
