using System.Text.Json;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Commands;

/// <summary>
/// Turns a typed message, or a press of a command button on one of the bot's cards, into a
/// command. In channels and group chats only typed messages that @mention the bot are commands;
/// anything unrecognised gets the help card, never silence.
/// </summary>
public sealed partial class CommandMessageHandler(
    CommandCatalog catalog,
    FacilitatorPolicy facilitators,
    IServiceProvider services,
    ILogger<CommandMessageHandler> logger) : IActivityHandler
{
    public static bool Selects(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (ButtonCommand(activity) is not null)
        {
            // A button on the bot's own card is addressed to the bot; it carries no @mention.
            return true;
        }

        if (activity.Type != ActivityTypes.Message || activity.Value is not null || string.IsNullOrWhiteSpace(activity.Text))
        {
            return false;
        }

        return CommandContext.ScopeOf(activity) == CommandScopes.Personal || IsBotMentioned(activity);
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = ButtonCommand(turn.Activity) ?? turn.Activity.TextWithoutBotMention();
        if (!catalog.TryParse(text, out var command, out var arguments))
        {
            LogUnknown(logger);
            await turn.ReplyAsync(HelpCard.Build(catalog, CommandContext.ScopeOf(turn.Activity), notUnderstood: text), cancellationToken);
            return null;
        }

        var context = new CommandContext(command, arguments, turn);
        if ((command.Scopes & context.Scope) == 0)
        {
            await turn.ReplyAsync($"`{command.Name}` works in {DescribeScopes(command.Scopes)}, not here.", cancellationToken);
            return null;
        }

        if (command.Audience == CommandAudience.Facilitators && !await AuthorizeAsync(context, cancellationToken))
        {
            return null;
        }

        LogCommand(logger, command.Name);
        await command.Handle(services, context, cancellationToken);
        return null;
    }

    private async Task<bool> AuthorizeAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var teamId = context.Activity.TeamId;
        if (teamId is not null && await facilitators.IsFacilitatorAsync(teamId, context.Activity.From, cancellationToken))
        {
            return true;
        }

        await context.Turn.ReplyAsync(await facilitators.RefusalAsync(teamId, $"use `{context.Command.Name}`", cancellationToken), cancellationToken);
        return false;
    }

    /// <summary>The command of a <see cref="CardAction.Command"/> button that sent this message, or null.</summary>
    internal static string? ButtonCommand(Activity activity) =>
        activity.Type == ActivityTypes.Message
        && activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty(CardAction.CommandKey, out var command)
        && command.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(command.GetString())
            ? command.GetString()
            : null;

    private static bool IsBotMentioned(Activity activity) =>
        activity.MentionEntities().Any(m => string.Equals(m.Mentioned?.Id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase));

    private static string DescribeScopes(CommandScopes scopes)
    {
        var places = new List<string>();
        if (scopes.HasFlag(CommandScopes.Personal))
        {
            places.Add("a personal chat with me");
        }

        if (scopes.HasFlag(CommandScopes.Team))
        {
            places.Add("a team channel");
        }

        if (scopes.HasFlag(CommandScopes.GroupChat))
        {
            places.Add("a group chat");
        }

        return string.Join(" or ", places);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Command {Command}")]
    private static partial void LogCommand(ILogger logger, string command);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unrecognised command; answered with help")]
    private static partial void LogUnknown(ILogger logger);
}
