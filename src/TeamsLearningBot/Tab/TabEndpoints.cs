using System.Net.Mime;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Tab;

public static class TabEndpoints
{
    /// <summary>
    /// <c>/api/tab/*</c>, every endpoint behind the Teams SSO sign-in (<see cref="TabSignIn.RequireTabUser"/>);
    /// what a team shows is decided here from storage (<see cref="FacilitatorPolicy"/>) and, for a tab in
    /// a private or shared channel (<c>channel</c>), from Teams' members of it (<see cref="TabChannels"/>), never from the page.
    /// Each view is JSON, and HTML drawn on the server (<c>/view</c>) that the tab pages show.
    /// </summary>
    public static RouteGroupBuilder MapInsightsTab(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/tab/development", (IHostEnvironment environment) =>
            environment.IsDevelopment() ? Results.Ok(new { scheme = TabSignIn.DevelopmentScheme }) : Results.NotFound());
        var api = endpoints.MapGroup("/api/tab").RequireTabUser();
        api.MapGet("/teams/{teamId}/insights", async Task<Results<Ok<TabInsights>, ProblemHttpResult>> (string teamId, string? period, string? tag, string? item, string? channel, HttpContext http, TabInsightsReader reader, CancellationToken cancellationToken) =>
        {
            var (insights, problem) = await reader.ReadAsync(teamId, http.GetTabUser(), period, tag, item, channel, cancellationToken);
            return insights is null ? problem! : TypedResults.Ok(insights);
        });
        api.MapGet("/teams/{teamId}/insights/view", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string teamId, string? period, string? tag, string? item, string? channel, HttpContext http, TabInsightsReader reader, CancellationToken cancellationToken) =>
        {
            var (insights, problem) = await reader.ReadAsync(teamId, http.GetTabUser(), period, tag, item, channel, cancellationToken);
            return insights is null ? problem! : Html(InsightsView.Render(insights));
        });
        api.MapGet("/me", async (HttpContext http, MyLearningReader reader, CancellationToken cancellationToken) =>
            TypedResults.Ok(await reader.ReadAsync(http.GetTabUser(), cancellationToken)));
        api.MapGet("/me/view", async (HttpContext http, MyLearningReader reader, CancellationToken cancellationToken) =>
            Html(MyLearningView.Render(await reader.ReadAsync(http.GetTabUser(), cancellationToken))));
        return api;
    }

    private static ContentHttpResult Html(string fragment) => TypedResults.Text(fragment, MediaTypeNames.Text.Html, System.Text.Encoding.UTF8);
}
