using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Installation;

/// <summary>
/// The bot being added to or removed from a team, a group chat or someone's personal scope.
/// Teams announces a team install twice (conversationUpdate and installationUpdate) and may
/// redeliver either; the stores make the welcome happen once.
/// </summary>
public sealed partial class InstallationHandler(
    TeamStore teams,
    ConversationStore conversations,
    ILogger<InstallationHandler> logger) : IActivityHandler
{
    public static bool SelectsInstall(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type switch
        {
            ActivityTypes.InstallationUpdate => activity.Action is "add" or "add-upgrade",
            ActivityTypes.ConversationUpdate => activity.MembersAdded?.Any(m => IsBot(activity, m)) == true,
            _ => false,
        };
    }

    public static bool SelectsUninstall(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type switch
        {
            ActivityTypes.InstallationUpdate => activity.Action is "remove" or "remove-upgrade",
            ActivityTypes.ConversationUpdate => activity.MembersRemoved?.Any(m => IsBot(activity, m)) == true,
            _ => false,
        };
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var installing = SelectsInstall(activity);
        if (activity.TeamId is { } teamId)
        {
            await (installing ? InstallInTeamAsync(turn, teamId, cancellationToken) : UninstallFromTeamAsync(teamId, cancellationToken));
        }
        else if (installing)
        {
            await InstallInChatAsync(turn, cancellationToken);
        }
        else
        {
            await conversations.MarkRemovedAsync(activity, cancellationToken);
            LogChatUninstalled(logger, activity.Conversation?.ConversationType ?? ConversationStore.Personal);
        }

        return null;
    }

    private async Task InstallInTeamAsync(TurnContext turn, string teamId, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var installer = await WithNameAsync(turn, teamId, activity.From, cancellationToken);
        var install = new TeamInstall(
            teamId,
            activity.ChannelData?.Team?.Name,
            activity.ChannelData?.Team?.AadGroupId,
            activity.TenantId ?? string.Empty,
            turn.ServiceUrl,
            activity.Recipient,
            installer);

        var isNew = await teams.RecordInstallAsync(install, cancellationToken);
        var channels = await turn.Connector.GetTeamChannelsAsync(turn.ServiceUrl, teamId, cancellationToken);
        await teams.SaveChannelsAsync(teamId, channels, cancellationToken);
        if (isNew && installer?.Id is not null)
        {
            await teams.AddFacilitatorAsync(teamId, installer, addedById: null, cancellationToken);
        }

        LogTeamInstalled(logger, channels.Count, isNew);
        if (!await teams.TryClaimWelcomeAsync(teamId, cancellationToken))
        {
            return;
        }

        try
        {
            var team = await teams.GetAsync(teamId, cancellationToken);
            var welcome = new Activity
            {
                Type = ActivityTypes.Message,
                Attachments = [WelcomeCard.ForTeam(team?.Name, team?.InstalledByName)],
            };

            // General's conversation id is the team id; a create-conversation starts a new post there.
            await turn.Connector.CreateConversationAsync(
                turn.ServiceUrl,
                ConversationParameters.ForChannelThread(teamId, install.TenantId, activity.Recipient, welcome),
                cancellationToken);
        }
        catch
        {
            await teams.ReleaseWelcomeAsync(teamId, CancellationToken.None);
            throw;
        }
    }

    private async Task UninstallFromTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        await teams.MarkRemovedAsync(teamId, cancellationToken);
        LogTeamUninstalled(logger);
    }

    private async Task InstallInChatAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (!await conversations.RecordAsync(activity, cancellationToken))
        {
            return;
        }

        var isGroup = activity.Conversation?.ConversationType == ConversationStore.GroupChat;
        LogChatInstalled(logger, isGroup ? ConversationStore.GroupChat : ConversationStore.Personal);
        var card = isGroup ? WelcomeCard.ForGroupChat() : WelcomeCard.ForPerson(activity.From?.Name);
        await turn.SendAsync(new Activity { Type = ActivityTypes.Message, Attachments = [card] }, cancellationToken);
    }

    private static bool IsBot(Activity activity, ChannelAccount member) =>
        member.Id is not null && string.Equals(member.Id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The installer with their display name. Install activities often carry only ids, so the
    /// name is asked of the team's roster; if Teams cannot say, the installer stays unnamed.
    /// </summary>
    private async Task<ChannelAccount?> WithNameAsync(TurnContext turn, string teamId, ChannelAccount? installer, CancellationToken cancellationToken)
    {
        if (installer is not { Id: { Length: > 0 } id } || !string.IsNullOrWhiteSpace(installer.Name))
        {
            return installer;
        }

        try
        {
            var member = await turn.Connector.GetMemberAsync(turn.ServiceUrl, teamId, id, cancellationToken);
            return string.IsNullOrWhiteSpace(member.Name) ? installer : installer with { Name = member.Name, AadObjectId = installer.AadObjectId ?? member.AadId };
        }
        catch (ConnectorException e)
        {
            LogInstallerUnnamed(logger, e.StatusCode);
            return installer;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The installer's name could not be looked up ({Status}); they are recorded by id only")]
    private static partial void LogInstallerUnnamed(ILogger logger, System.Net.HttpStatusCode status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed in a team with {ChannelCount} channels (new: {IsNew})")]
    private static partial void LogTeamInstalled(ILogger logger, int channelCount, bool isNew);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed from a team")]
    private static partial void LogTeamUninstalled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed in a {Kind} chat")]
    private static partial void LogChatInstalled(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed from a {Kind} chat")]
    private static partial void LogChatUninstalled(ILogger logger, string kind);
}
