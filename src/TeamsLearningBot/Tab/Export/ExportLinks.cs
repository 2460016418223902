using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// Where export links point: <c>Export:PublicBaseUrl</c>, else <c>https://{Tab:Domain}</c> (the
/// domain the tab and its SSO are registered for), else in Development the app's first local URL.
/// </summary>
public sealed class ExportLinks(IOptions<ExportOptions> options, IOptions<TabOptions> tab, IConfiguration configuration, IHostEnvironment environment)
{
    public const string PagePath = "/export";
    public const string DownloadPath = "/export/download";

    /// <summary>The tab's download by a direct ticket alone (<see cref="ExportTicket.Direct"/>), so a plain link or navigation works.</summary>
    public const string FilePath = "/export/file";

    /// <summary>The base of links, or null when the app does not know its public address.</summary>
    public Uri? BaseUrl
    {
        get
        {
            if (options.Value.PublicBaseUrl is { } configured)
            {
                return configured;
            }

            if (!string.IsNullOrWhiteSpace(tab.Value.Domain) && Uri.TryCreate("https://" + tab.Value.Domain.Trim(), UriKind.Absolute, out var domain))
            {
                return domain;
            }

            var local = configuration["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return environment.IsDevelopment() && Uri.TryCreate(local, UriKind.Absolute, out var url) ? url : null;
        }
    }

    public Uri? Page(string ticket) => BaseUrl is { } root ? new Uri(root, PagePath + "?ticket=" + Uri.EscapeDataString(ticket)) : null;
}
