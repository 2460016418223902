using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Tab;

/// <summary>
/// Builds the team tab's data for a signed-in user: the query read as <c>insights</c> reads its
/// words, the facilitator decided from storage, the channel's view decided by <see cref="TabChannels"/>,
/// then the report (and the periods before it, the weeks, the experts of the best tags) on the
/// roster from Teams (the team's, or the private or shared channel's). Scoped (the roster is).
/// </summary>
public sealed partial class TabInsightsReader(
    FacilitatorPolicy facilitators,
    TeamStore teams,
    TabChannels channels,
    InsightsReports reports,
    InsightsRoster roster,
    IOptions<InsightsOptions> options,
    TimeProvider time,
    ILogger<TabInsightsReader> logger)
{
    /// <summary>Experts are listed for the period's best-scoring tags, at most this many.</summary>
    public const int MaxExpertTags = 5;

    /// <summary>The insights, or the 400/403 problem to answer instead.</summary>
    public async Task<(TabInsights? Insights, ProblemHttpResult? Problem)> ReadAsync(string teamId, TabUser user, string? period, string? tag, string? item, string? channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!TabInsightsQuery.TryParse(period, tag, item, today, options.Value.DefaultDays, out var request, out var error))
        {
            return (null, TypedResults.Problem(title: "Bad request", detail: error, statusCode: StatusCodes.Status400BadRequest));
        }

        // An unknown team, a team of another tenant and a team the user does not facilitate look the same.
        if (!await facilitators.IsFacilitatorAsync(teamId, user, cancellationToken) || await teams.GetAsync(teamId, cancellationToken) is not { } team)
        {
            return (null, TabSignIn.Forbidden("Only this team's facilitators can see its insights. Ask one of them to make you a facilitator."));
        }

        // A private or shared channel's tab shows that channel's own insights, to its members only.
        if (await channels.ResolveAsync(team, user, channel, cancellationToken) is not { } view)
        {
            return (null, TabSignIn.Forbidden("This tab is in a private or shared channel: only the team's facilitators who are members of the channel can see its insights."));
        }

        var members = view.Members ?? await RosterAsync(team, cancellationToken);
        var overview = await reports.OverviewAsync(view.Scope, request, members, MaxExpertTags, cancellationToken);
        var report = overview.Report;
        var earlier = request.Period.Previous.Previous;
        TierPoint Point(InsightsPeriod p, ParticipationReport r, bool now) =>
            new(p.From, p.To, r.Members, now ? r.Regular.Now : r.Regular.Before, now ? r.Occasional.Now : r.Occasional.Before, now ? r.NotYet.Now : r.NotYet.Before);
        IReadOnlyList<TierPoint> history =
        [
            Point(earlier.Previous, overview.Earlier, now: false),
            Point(earlier, overview.Earlier, now: true),
            Point(request.Period.Previous, report.Participation, now: false),
            Point(request.Period, report.Participation, now: true),
        ];
        return (new TabInsights(teamId, team.Name ?? "Your team", view.Scope.PrivateChannelId, report, history, overview.Weeks, overview.Experts), null);
    }

    /// <summary>The team's members from Teams, as <c>insights</c> counts them; null (those who contributed) when Teams cannot be asked.</summary>
    private async Task<IReadOnlyCollection<string>?> RosterAsync(TeamEntity team, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(team.ServiceUrl))
        {
            return null;
        }

        try
        {
            return await roster.KeysAsync(team.ServiceUrl, team.TenantId, team.TeamId, cancellationToken);
        }
        catch (Exception e) when (TeamsUnavailableException.IsFault(e, cancellationToken))
        {
            LogNoRoster(logger, e.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tab insights: Teams did not answer for the members ({Error}); counting those who contributed")]
    private static partial void LogNoRoster(ILogger logger, string error);
}

/// <summary>
/// The team tab's data: the same report as <c>insights</c>, with the participation tiers of the
/// periods before it (oldest first, the report's own period last) for the chart over time, the
/// reflections of each week of the period, and the experts of its best tags (as <c>experts</c> reports them).
/// <see cref="PrivateChannelId"/> is set when it is a private or shared channel's own insights.
/// </summary>
public sealed record TabInsights(string TeamId, string TeamName, string? PrivateChannelId, InsightsReport Report, IReadOnlyList<TierPoint> History, IReadOnlyList<WeekCount> Weeks, IReadOnlyList<ExpertsReport> Experts);

/// <summary>The participation tiers of one period, for the chart over time.</summary>
public sealed record TierPoint(DateOnly From, DateOnly To, int Members, GroupFigure Regular, GroupFigure Occasional, GroupFigure NotYet);
