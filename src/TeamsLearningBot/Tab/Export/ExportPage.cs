using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// The export link's pages, drawn on the server: the page that signs in and downloads, and the
/// refusals (an HTML page with the reason and what to do, with a 4xx status). Every text in them
/// is HTML-encoded; the only scripts are TeamsJS, the tab's shared sign-in (<c>/tab/signin.js</c>)
/// and <c>/tab/export.js</c>, all from this origin.
/// </summary>
public static class ExportPage
{
    public const string ScriptPath = "/tab/export.js";
    public const string SignInScriptPath = "/tab/signin.js";
    public const string TeamsJsPath = "/tab/lib/teams-js/2.58.0/MicrosoftTeams.min.js";
    public const string StylePath = "/tab/tab.css";

    public static IResult Download(ExportTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var what = $"{ExportCard.About(ticket.Request)}, {Day(ticket.From)} to {Day(ticket.To)}"
            + (ticket.PrivateChannelId is null ? string.Empty : ", one private or shared channel only");
        return Html(StatusCodes.Status200OK, "Reflections export", "Signing you in\u2026", what, script: true);
    }

    public static IResult Refusal(ExportRefusal refusal)
    {
        var (status, title, detail) = refusal switch
        {
            ExportRefusal.Missing => (StatusCodes.Status400BadRequest, "This link is incomplete",
                "It has no export ticket. Open the link from the bot's message again, or type \u201Cexport\u201D in the team for a new one."),
            ExportRefusal.Expired => (StatusCodes.Status410Gone, "This export link has expired",
                "Export links work for 15 minutes. Type \u201Cexport\u201D in the team again for a new one."),
            ExportRefusal.OtherUser => (StatusCodes.Status403Forbidden, "This export link is someone else's",
                "It was made for the facilitator who asked for it and works only when they are signed in. Ask the bot for your own with \u201Cexport\u201D."),
            ExportRefusal.NotFacilitator => (StatusCodes.Status403Forbidden, "You are no longer a facilitator of this team",
                "Only the team's facilitators can export its reflections. Ask one of them to make you a facilitator."),
            ExportRefusal.NotChannelMember => (StatusCodes.Status403Forbidden, "You are no longer a member of this channel",
                "This export holds one private or shared channel's reflections, and only the channel's members can download them. Ask one of its owners to add you again."),
            ExportRefusal.TeamsUnavailable => (StatusCodes.Status503ServiceUnavailable, "Teams did not answer",
                "This export holds one private or shared channel's reflections, and Teams could not be asked whether you are still a member of the channel, so nothing was downloaded. Try again in a moment."),
            _ => (StatusCodes.Status403Forbidden, "This export link is not valid",
                "It was changed or cut short, or it was not made by this bot. Open it again from the bot's message, or type \u201Cexport\u201D in the team for a new one."),
        };
        var page = Html(status, title, detail, null, script: false);
        return status == StatusCodes.Status503ServiceUnavailable ? page with { RetryAfter = TeamsUnavailableException.RetryAfter } : page;
    }

    private static PageResult Html(int status, string title, string text, string? what, bool script)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\" data-theme=\"default\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"robots\" content=\"noindex\">\n")
            .Append("<link rel=\"icon\" href=\"data:,\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{e.Encode(title)}</title>\n")
            .Append(CultureInfo.InvariantCulture, $"<link rel=\"stylesheet\" href=\"{StylePath}\">\n");
        if (script)
        {
            html.Append(CultureInfo.InvariantCulture, $"<script src=\"{TeamsJsPath}\" defer></script>\n<script src=\"{SignInScriptPath}\" defer></script>\n<script src=\"{ScriptPath}\" defer></script>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"</head>\n<body data-page=\"export\" data-state=\"{(script ? "signing-in" : "refused")}\">\n<main>\n<h1>{e.Encode(title)}</h1>\n");
        if (what is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"subtle\">{e.Encode(what)}</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p id=\"status\" class=\"status\" role=\"status\" aria-live=\"polite\">{e.Encode(text)}</p>\n");
        if (script)
        {
            html.Append("<p id=\"again\"></p>\n");
        }

        html.Append("</main>\n</body>\n</html>\n");
        return new PageResult(status, html.ToString(), null);
    }

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>An HTML page with the tab's headers: nothing from other origins, framed only by Teams, never cached; <c>Retry-After</c> when set.</summary>
    private sealed record PageResult(int Status, string Page, TimeSpan? RetryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = Status;
            ExportHeaders.Apply(response);
            if (RetryAfter is { } wait)
            {
                response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            response.ContentType = "text/html; charset=utf-8";
            return response.WriteAsync(Page, httpContext.RequestAborted);
        }
    }
}

/// <summary>Why an export link was refused; each has its own page.</summary>
public enum ExportRefusal
{
    Missing,
    Invalid,
    Expired,
    OtherUser,
    NotFacilitator,
    NotChannelMember,
    TeamsUnavailable,
}
