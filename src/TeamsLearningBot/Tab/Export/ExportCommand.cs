using Microsoft.Extensions.Options;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// <c>export [&lt;tag&gt; | C12] [last 30 days | since 2026-09-01]</c>, facilitators only, parsed as
/// <c>insights</c> is: a short-lived signed link to the CSV of the team's reflections, sent to the
/// facilitator's 1:1 chat. The link is issued to the facilitator's Entra identity; in a private or
/// shared channel it exports only that channel's reflections.
/// </summary>
public sealed class ExportCommand(
    ExportTickets tickets,
    ExportLinks links,
    ExportDelivery delivery,
    TeamStore teams,
    IOptions<InsightsOptions> insights,
    TimeProvider time) : ICommandHandler
{
    public static readonly string Usage = "export" + InsightsRequest.Usage["insights".Length..];

    public const string NoIdentity = "I can't tell your work account from this message, so I can't make you a link only you can open. Try again in a moment from the Teams app.";
    public const string NoAddress = "Exports aren't set up yet: the app doesn't know its public address (Tab:Domain or Export:PublicBaseUrl). Ask your Teams admin.";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!InsightsRequest.TryParse(context.Arguments, today, insights.Value.DefaultDays, out var request, out var error))
        {
            await context.Turn.ReplyAsync(ProblemCard.Build(error, usage: Usage), cancellationToken);
            return;
        }

        var activity = context.Activity;
        var team = await teams.GetAsync(activity.TeamId!, cancellationToken);
        if (team is null)
        {
            await context.ReplyErrorAsync(DropReplies.UnknownTeam, [], cancellationToken);
            return;
        }

        var tenant = activity.TenantId ?? team.TenantId;
        if (activity.From?.AadObjectId is not { Length: > 0 } objectId || string.IsNullOrEmpty(tenant))
        {
            await context.Turn.ReplyAsync(NoIdentity, cancellationToken);
            return;
        }

        if (links.BaseUrl is null)
        {
            await context.Turn.ReplyAsync(NoAddress, cancellationToken);
            return;
        }

        var scope = InsightsCommand.ScopeOf(context);
        var (text, ticket) = tickets.Issue(new ExportTicket
        {
            TeamId = scope.TeamId,
            PrivateChannelId = scope.PrivateChannelId,
            Tag = request.Tag,
            Item = request.Item,
            From = request.Period.From,
            To = request.Period.To,
            TenantId = tenant,
            ObjectId = objectId,
            ExpiresAt = default,
        });
        await delivery.SendAsync(context, ExportCard.Build(team.Name ?? "your team", ticket, links.Page(text)!), cancellationToken);
    }
}
