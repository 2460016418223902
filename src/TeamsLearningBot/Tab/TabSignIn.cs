using Microsoft.AspNetCore.Http.HttpResults;

namespace TeamsLearningBot.Tab;

/// <summary>
/// The tab API's sign-in: every endpoint of a group with <see cref="RequireTabUser"/> needs
/// <c>Authorization: Bearer &lt;Teams SSO token&gt;</c> validated by <see cref="TabTokenValidator"/>;
/// otherwise it answers 401 with a problem body and <c>WWW-Authenticate: Bearer</c> and the endpoint
/// never runs. The endpoint reads who signed in with <see cref="GetTabUser"/>. In Development only,
/// <c>Authorization: Development &lt;tid&gt; &lt;oid&gt; [name]</c> signs in without Entra ID (the local
/// run has no Teams to issue tokens), the same rule as the bot's unauthenticated requests.
/// </summary>
public static class TabSignIn
{
    public const string DevelopmentScheme = "Development";

    private static readonly object UserKey = new();

    /// <summary>Puts the tab sign-in in front of every endpoint of <paramref name="group"/>.</summary>
    public static RouteGroupBuilder RequireTabUser(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(SignInAsync);
        return group;
    }

    /// <summary>The signed-in user; only inside an endpoint of a group with <see cref="RequireTabUser"/>.</summary>
    public static TabUser GetTabUser(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[UserKey] as TabUser
            ?? throw new InvalidOperationException("No tab user: the endpoint's group needs RequireTabUser().");
    }

    /// <summary>The 403 an endpoint answers when the signed-in user may not see what they asked for.</summary>
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Not allowed", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    private static async ValueTask<object?> SignInAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        TabUser? user;
        try
        {
            user = await AuthenticateAsync(http);
        }
        catch (InvalidOperationException) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Entra ID's signing keys could not be read: the token cannot be judged either way.
            return TypedResults.Problem(
                title: "Sign-in unavailable",
                detail: "The keys that verify Teams sign-in tokens could not be read. Try again in a minute.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return TypedResults.Problem(
                title: "Sign-in required",
                detail: "Send the Teams single sign-on token as Authorization: Bearer <token>. It was missing, expired, or not issued for this app, tenant and scope.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Items[UserKey] = user;
        try
        {
            return await next(invocation);
        }
        catch (TeamsUnavailableException) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            // Neither shown nor refused: what Teams would have said is not known, so the page offers to try again.
            return Unavailable(http, "Teams did not answer when asked who is in this channel. Try again in a moment.");
        }
    }

    /// <summary>The 503 an endpoint answers when what it needs from Teams could not be had, with <c>Retry-After</c>.</summary>
    public static ProblemHttpResult Unavailable(HttpContext http, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = ((int)TeamsUnavailableException.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Teams unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<TabUser?> AuthenticateAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var scheme = header[..space];
        var credentials = header[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var validator = http.RequestServices.GetRequiredService<TabTokenValidator>();
            return await validator.ValidateAsync(credentials, http.RequestAborted);
        }

        if (scheme.Equals(DevelopmentScheme, StringComparison.OrdinalIgnoreCase) && http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            var parts = credentials.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return parts.Length >= 2 ? new TabUser(parts[0], parts[1], parts.Length == 3 ? parts[2] : null) : null;
        }

        return null;
    }
}

/// <summary>Who signed in to the tab: the Entra user (object id in their tenant) from a validated token.</summary>
public sealed record TabUser(string TenantId, string ObjectId, string? Name);
