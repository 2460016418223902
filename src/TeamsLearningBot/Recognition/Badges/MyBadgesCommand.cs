using TeamsLearningBot.Chats;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// <c>my badges</c>: in a team or group chat, that community's badges; in a personal chat, every
/// team the learner has progress in (from their index, not a scan). The card always goes to the
/// personal chat: progress counts anonymous contributions too, and is nobody else's business.
/// </summary>
public sealed partial class MyBadgesCommand(
    BadgeCatalogue catalogue,
    BadgeLedger ledger,
    BadgeSettingsStore settings,
    BadgeLearnerStore learnerStore,
    TeamStore teams,
    PersonalChats chats,
    LearnerKeys learners,
    ILogger<MyBadgesCommand> logger) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.Activity;
        var learnerKey = learners.KeyOf(activity);
        if (learnerKey is null)
        {
            return;
        }

        var community = BadgeCommunity.Of(activity);
        var communities = community is null ? await learnerStore.ListTeamsAsync(learnerKey, cancellationToken) : [community];
        var shown = new List<TeamBadges>();
        foreach (var teamId in communities)
        {
            var partition = BadgeLedger.Partition(teamId, learnerKey);
            var progress = await ledger.GetProgressAsync(partition, cancellationToken);
            var awards = await ledger.ListAwardsAsync(partition, cancellationToken);
            if (community is null && progress is null && awards.Count == 0)
            {
                continue;
            }

            var name = community is not null && context.Scope != CommandScopes.Personal ? null : (await teams.GetAsync(teamId, cancellationToken))?.Name;
            shown.Add(new TeamBadges(name, await settings.GetAsync(teamId, cancellationToken), progress, awards));
        }

        var card = MyBadgesCard.Build(catalogue, shown);
        if (context.Scope == CommandScopes.Personal)
        {
            await context.Turn.ReplyAsync(card, cancellationToken);
            return;
        }

        try
        {
            var chat = await chats.OpenAsync(context.Turn.Connector, activity.TenantId ?? string.Empty, activity.From!.Id!, activity.ServiceUrl, activity.Recipient, remember: true, cancellationToken);
            if (chat is { } open)
            {
                await context.Turn.Connector.SendToConversationAsync(open.ServiceUrl, open.ConversationId, new Protocol.Activities.Activity { Type = Protocol.Activities.ActivityTypes.Message, Attachments = [card] }, cancellationToken);
                await context.Turn.ReplyAsync("I've sent your badges to you in our private chat.", cancellationToken);
                return;
            }
        }
        catch (ConnectorException e) when (e.StatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound)
        {
            LogNoPrivateChat(logger, e.StatusCode);
        }

        await context.Turn.ReplyAsync("I couldn't open a private chat with you. Message me directly and type `my badges` there.", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "My badges: no private chat could be opened ({Status})")]
    private static partial void LogNoPrivateChat(ILogger logger, System.Net.HttpStatusCode status);
}
