using Microsoft.Extensions.Options;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Insights;

/// <summary>
/// <c>insights [&lt;tag&gt; | C12] [last 30 days | last 90 days | since 2026-09-01]</c>, facilitators
/// only: participation, relevance and what people say, sent to the facilitator's 1:1 chat. In a
/// private or shared channel it is that channel's own insights.
/// </summary>
public sealed class InsightsCommand(
    InsightsReports reports,
    InsightsRoster roster,
    InsightsDelivery delivery,
    TeamStore teams,
    IOptions<InsightsOptions> options,
    TimeProvider time) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!InsightsRequest.TryParse(context.Arguments, today, options.Value.DefaultDays, out var request, out var error))
        {
            await context.Turn.ReplyAsync(ProblemCard.Build(error, usage: InsightsRequest.Usage), cancellationToken);
            return;
        }

        var activity = context.Activity;
        var team = await teams.GetAsync(activity.TeamId!, cancellationToken);
        if (team is null)
        {
            await context.ReplyErrorAsync(DropReplies.UnknownTeam, [], cancellationToken);
            return;
        }

        var scope = ScopeOf(context);
        // Teams lists the members while the aggregates are read.
        var members = roster.KeysAsync(context.Turn.ServiceUrl, activity.TenantId ?? string.Empty, scope.PrivateChannelId ?? scope.TeamId, cancellationToken);
        var building = reports.BuildAsync(scope, request, members, cancellationToken);
        await Task.WhenAll(members, building);
        var report = await building;
        await delivery.SendAsync(context, InsightsCard.Build(report, team.Name ?? "your team"), "Insights", cancellationToken);
    }

    /// <summary>A private or shared channel sees its own insights; anywhere else, the team's standard channels.</summary>
    public static InsightsScope ScopeOf(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.Activity;
        return InsightsSink.IsPrivate(activity.ChannelData?.Channel?.Type) && activity.ChannelConversationId is { Length: > 0 } channel
            ? new InsightsScope(activity.TeamId!, channel)
            : new InsightsScope(activity.TeamId!);
    }
}
