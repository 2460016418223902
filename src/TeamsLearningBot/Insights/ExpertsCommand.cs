using Microsoft.Extensions.Options;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Insights;

/// <summary><c>experts &lt;tag&gt; [period]</c>, facilitators only: who knows what on a tag, and who might need support, in the facilitator's 1:1 chat.</summary>
public sealed class ExpertsCommand(
    InsightsReports reports,
    InsightsDelivery delivery,
    TeamStore teams,
    IOptions<InsightsOptions> options,
    TimeProvider time) : ICommandHandler
{
    public const string Usage = "experts <tag> [last 90 days | since 2026-09-01]";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!InsightsRequest.TryParse(context.Arguments, today, Math.Max(options.Value.DefaultDays, 90), out var request, out var error) || request.Tag is null)
        {
            await context.Turn.ReplyAsync(ProblemCard.Build(request.Tag is null && error.Length == 0 ? "Name a tag to find who knows about it." : error, usage: Usage), cancellationToken);
            return;
        }

        var team = await teams.GetAsync(context.Activity.TeamId!, cancellationToken);
        if (team is null)
        {
            await context.ReplyErrorAsync(DropReplies.UnknownTeam, [], cancellationToken);
            return;
        }

        var report = await reports.ExpertsAsync(InsightsCommand.ScopeOf(context), request.Tag, request.Period, cancellationToken);
        await delivery.SendAsync(context, InsightsCard.Experts(report, team.Name ?? "your team"), "Experts on #" + request.Tag, cancellationToken);
    }
}
