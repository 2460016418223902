using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Tab;

public static class TabEndpoints
{
    /// <summary>Experts are listed for the period's best-scoring tags, at most this many.</summary>
    public const int MaxExpertTags = 5;

    /// <summary>
    /// <c>/api/tab/*</c>, every endpoint behind the Teams SSO sign-in (<see cref="TabSignIn.RequireTabUser"/>);
    /// what a team shows is decided here from storage (<see cref="FacilitatorPolicy"/>), never from the page.
    /// </summary>
    public static RouteGroupBuilder MapInsightsTab(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/tab").RequireTabUser();
        api.MapGet("/teams/{teamId}/insights", InsightsAsync);
        api.MapGet("/me", async (HttpContext http, MyLearningReader reader, CancellationToken cancellationToken) =>
            TypedResults.Ok(await reader.ReadAsync(http.GetTabUser(), cancellationToken)));
        return api;
    }

    private static async Task<Results<Ok<TabInsights>, ProblemHttpResult>> InsightsAsync(
        string teamId,
        string? period,
        string? tag,
        string? item,
        HttpContext http,
        FacilitatorPolicy facilitators,
        TeamStore teams,
        InsightsReports reports,
        InsightsRoster roster,
        IOptions<InsightsOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var user = http.GetTabUser();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!TabInsightsQuery.TryParse(period, tag, item, today, options.Value.DefaultDays, out var request, out var error))
        {
            return TypedResults.Problem(title: "Bad request", detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        // An unknown team, a team of another tenant and a team the user does not facilitate look the same.
        if (!await facilitators.IsFacilitatorAsync(teamId, user, cancellationToken) || await teams.GetAsync(teamId, cancellationToken) is not { } team)
        {
            return TabSignIn.Forbidden("Only this team's facilitators can see its insights. Ask one of them to make you a facilitator.");
        }

        var scope = new InsightsScope(teamId);
        var members = await RosterAsync(roster, team, cancellationToken);
        var report = await reports.BuildAsync(scope, request, members, cancellationToken);
        var earlier = request.Period.Previous.Previous;
        var before = await reports.BuildAsync(scope, request with { Period = earlier }, members, cancellationToken);
        TierPoint Point(InsightsPeriod p, ParticipationReport r, bool now) =>
            new(p.From, p.To, r.Members, now ? r.Regular.Now : r.Regular.Before, now ? r.Occasional.Now : r.Occasional.Before, now ? r.NotYet.Now : r.NotYet.Before);
        IReadOnlyList<TierPoint> history =
        [
            Point(earlier.Previous, before.Participation, now: false),
            Point(earlier, before.Participation, now: true),
            Point(request.Period.Previous, report.Participation, now: false),
            Point(request.Period, report.Participation, now: true),
        ];
        var weeks = await reports.ReflectionsPerWeekAsync(scope, request, cancellationToken);
        var tags = request.Tag is { } only ? [only.ToLowerInvariant()] : report.Relevance.Tags.Take(MaxExpertTags).Select(t => t.Tag).ToList();
        var experts = new List<ExpertsReport>();
        foreach (var t in tags)
        {
            experts.Add(await reports.ExpertsAsync(scope, t, request.Period, cancellationToken));
        }

        return TypedResults.Ok(new TabInsights(teamId, team.Name ?? "Your team", report, history, weeks, experts));
    }

    /// <summary>The team's members from Teams, as <c>insights</c> counts them; null (those who contributed) when Teams cannot be asked.</summary>
    private static async Task<IReadOnlyCollection<string>?> RosterAsync(InsightsRoster roster, TeamEntity team, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(team.ServiceUrl))
        {
            return null;
        }

        try
        {
            return await roster.KeysAsync(team.ServiceUrl, team.TenantId, team.TeamId, cancellationToken);
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException)
        {
            return null;
        }
    }
}
