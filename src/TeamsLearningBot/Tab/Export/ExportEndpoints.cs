using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Tab.Export;

public static class ExportEndpoints
{
    /// <summary>
    /// The export link (<c>/export?ticket=…</c>, the page; <c>/export/download?ticket=…</c>, the CSV for
    /// the signed-in user the ticket names) and the tab's downloads: <c>/api/tab/teams/{teamId}/export.csv</c>
    /// (with the Teams SSO token), and <c>POST /api/tab/teams/{teamId}/export-link</c>, which answers a
    /// link to <c>/export/file?ticket=…</c> with a direct ticket good for two minutes, so the tab's Export
    /// button can be a plain navigation. Every download re-checks on the server that the user is a
    /// facilitator of the team.
    /// </summary>
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(ExportLinks.PagePath, (string? ticket, ExportTickets tickets) =>
            Check(tickets, ticket, direct: false, out var read) is { } refusal ? ExportPage.Refusal(refusal) : ExportPage.Download(read!));

        var download = endpoints.MapGroup(ExportLinks.DownloadPath).RequireTabUser();
        download.MapGet(string.Empty, DownloadAsync);

        var tab = endpoints.MapGroup("/api/tab").RequireTabUser();
        tab.MapGet("/teams/{teamId}/export.csv", TabDownloadAsync);
        tab.MapPost("/teams/{teamId}/export-link", TabLinkAsync);
        endpoints.MapGet(ExportLinks.FilePath, FileAsync);
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(string? ticket, HttpContext http, ExportTickets tickets, FacilitatorPolicy facilitators, TeamStore teams, TabChannels channels, ReflectionExport export, CancellationToken cancellationToken)
    {
        if (Check(tickets, ticket, direct: false, out var read) is { } refusal)
        {
            return ExportPage.Refusal(refusal);
        }

        var user = http.GetTabUser();
        if (!read!.IsFor(user))
        {
            return ExportPage.Refusal(ExportRefusal.OtherUser);
        }

        if (!await facilitators.IsFacilitatorAsync(read.TeamId, user, cancellationToken) || await teams.GetAsync(read.TeamId, cancellationToken) is not { } team)
        {
            return ExportPage.Refusal(ExportRefusal.NotFacilitator);
        }

        if (await ChannelRefusalAsync(channels, team, user, read, cancellationToken) is { } notMember)
        {
            return ExportPage.Refusal(notMember);
        }

        return new CsvResult(export.RowsAsync(read.Scope, read.Request, cancellationToken), FileName(team.Name, read.Request));
    }

    private static async Task<IResult> TabDownloadAsync(
        string teamId,
        string? period,
        string? tag,
        string? item,
        string? channel,
        HttpContext http,
        FacilitatorPolicy facilitators,
        TeamStore teams,
        TabChannels channels,
        ReflectionExport export,
        IOptions<InsightsOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (request, team, scope, problem) = await TabGrantAsync(teamId, period, tag, item, channel, http.GetTabUser(), facilitators, teams, channels, options, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return new CsvResult(export.RowsAsync(scope!, request!, cancellationToken), FileName(team!.Name, request!));
    }

    /// <summary>A link the tab navigates to for the CSV: the same grant as <c>export.csv</c>, as a direct ticket for this user.</summary>
    private static async Task<IResult> TabLinkAsync(
        string teamId,
        string? period,
        string? tag,
        string? item,
        string? channel,
        HttpContext http,
        FacilitatorPolicy facilitators,
        TeamStore teams,
        TabChannels channels,
        ExportTickets tickets,
        IOptions<InsightsOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var user = http.GetTabUser();
        var (request, team, scope, problem) = await TabGrantAsync(teamId, period, tag, item, channel, user, facilitators, teams, channels, options, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (text, issued) = tickets.Issue(new ExportTicket
        {
            TeamId = teamId,
            PrivateChannelId = scope!.PrivateChannelId,
            Tag = request!.Tag,
            Item = request.Item,
            From = request.Period.From,
            To = request.Period.To,
            TenantId = user.TenantId,
            ObjectId = user.ObjectId,
            ExpiresAt = default,
            Direct = true,
        });
        ExportHeaders.Apply(http.Response);
        return TypedResults.Ok(new ExportLink(ExportLinks.FilePath + "?ticket=" + Uri.EscapeDataString(text), FileName(team!.Name, request), issued.ExpiresAt));
    }

    /// <summary>
    /// The CSV for a direct ticket alone: the ticket names the user, who must still be a facilitator
    /// of the team and, for a private or shared channel's reflections, still a member of the channel.
    /// </summary>
    private static async Task<IResult> FileAsync(string? ticket, ExportTickets tickets, FacilitatorPolicy facilitators, TeamStore teams, TabChannels channels, ReflectionExport export, CancellationToken cancellationToken)
    {
        if (Check(tickets, ticket, direct: true, out var read) is { } refusal)
        {
            return ExportPage.Refusal(refusal);
        }

        var user = new TabUser(read!.TenantId, read.ObjectId, null);
        if (!await facilitators.IsFacilitatorAsync(read.TeamId, user, cancellationToken) || await teams.GetAsync(read.TeamId, cancellationToken) is not { } team)
        {
            return ExportPage.Refusal(ExportRefusal.NotFacilitator);
        }

        if (await ChannelRefusalAsync(channels, team, user, read, cancellationToken) is { } notMember)
        {
            return ExportPage.Refusal(notMember);
        }

        return new CsvResult(export.RowsAsync(read.Scope, read.Request, cancellationToken), FileName(team.Name, read.Request));
    }

    /// <summary>
    /// The tab's filter read as its insights read it, the team if <paramref name="user"/> facilitates
    /// it, and what the tab's channel shows (<see cref="TabChannels"/>: a private or shared channel's
    /// own reflections, to its members); otherwise the 400/403 to answer.
    /// </summary>
    private static async Task<(InsightsRequest? Request, TeamEntity? Team, InsightsScope? Scope, IResult? Problem)> TabGrantAsync(
        string teamId,
        string? period,
        string? tag,
        string? item,
        string? channel,
        TabUser user,
        FacilitatorPolicy facilitators,
        TeamStore teams,
        TabChannels channels,
        IOptions<InsightsOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!TabInsightsQuery.TryParse(period, tag, item, today, options.Value.DefaultDays, out var request, out var error))
        {
            return (null, null, null, TypedResults.Problem(title: "Bad request", detail: error, statusCode: StatusCodes.Status400BadRequest));
        }

        // An unknown team, a team of another tenant and a team the user does not facilitate look the same.
        if (!await facilitators.IsFacilitatorAsync(teamId, user, cancellationToken) || await teams.GetAsync(teamId, cancellationToken) is not { } team)
        {
            return (null, null, null, TabSignIn.Forbidden("Only this team's facilitators can export its reflections. Ask one of them to make you a facilitator."));
        }

        if (await channels.ResolveAsync(team, user, channel, cancellationToken) is not { } view)
        {
            return (null, null, null, TabSignIn.Forbidden("This tab is in a private or shared channel: only the team's facilitators who are members of the channel can export its reflections."));
        }

        return (request, team, view.Scope, null);
    }

    /// <summary>
    /// A ticket for a private or shared channel's reflections downloads only for someone Teams lists
    /// among the channel's members now, asked again at the download (the link may outlive a
    /// membership); null when the user may download, or when the ticket is the team's.
    /// </summary>
    private static async Task<ExportRefusal?> ChannelRefusalAsync(TabChannels channels, TeamEntity team, TabUser user, ExportTicket ticket, CancellationToken cancellationToken)
    {
        if (ticket.PrivateChannelId is null)
        {
            return null;
        }

        try
        {
            return await channels.ResolveAsync(team, user, ticket.PrivateChannelId, cancellationToken) is null ? ExportRefusal.NotChannelMember : null;
        }
        catch (TeamsUnavailableException)
        {
            return ExportRefusal.TeamsUnavailable;
        }
    }

    /// <summary>Why a ticket is refused, or null; a direct ticket is good only where <paramref name="direct"/> (and only there).</summary>
    private static ExportRefusal? Check(ExportTickets tickets, string? text, bool direct, out ExportTicket? ticket)
    {
        ticket = null;
        if (string.IsNullOrEmpty(text))
        {
            return ExportRefusal.Missing;
        }

        return tickets.Read(text, out ticket) switch
        {
            TicketCheck.Valid when ticket!.Direct != direct => ExportRefusal.Invalid,
            TicketCheck.Valid => null,
            TicketCheck.Expired => ExportRefusal.Expired,
            _ => ExportRefusal.Invalid,
        };
    }

    /// <summary><c>reflections-learning-lab-2026-11-01-to-2026-12-03-sales.csv</c>: ASCII only, so every browser keeps it.</summary>
    public static string FileName(string? teamName, InsightsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var about = request.Item is { } number ? Content.ContentIds.Format(number) : request.Tag;
        var parts = new[] { "reflections", Slug(teamName), request.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-to-" + request.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Slug(about) };
        return string.Join('-', parts.Where(p => p.Length > 0)) + ".csv";
    }

    private static string Slug(string? text)
    {
        var slug = new StringBuilder();
        foreach (var c in (text ?? string.Empty).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-') is { Length: > 40 } longer ? longer[..40].Trim('-') : slug.ToString().Trim('-');
    }

    /// <summary>The CSV written straight to the response body as the rows are read: an attachment, never cached.</summary>
    private sealed class CsvResult(IAsyncEnumerable<ExportRow> rows, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            ExportHeaders.Apply(response);
            response.ContentType = ExportCsv.ContentType;
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            await ExportCsv.WriteAsync(rows, response.BodyWriter, httpContext.RequestAborted);
        }
    }
}

/// <summary>What <c>POST /api/tab/teams/{teamId}/export-link</c> answers: a same-origin link to the CSV, its file name, and when the link stops working.</summary>
public sealed record ExportLink(string Url, string FileName, DateTimeOffset ExpiresAt);
