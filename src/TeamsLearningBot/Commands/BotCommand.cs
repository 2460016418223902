using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Commands;

/// <summary>One row of the command table: what people type, what it does, and who handles it.</summary>
public sealed record BotCommand
{
    /// <summary>The words that start the command, lower case, e.g. <c>content add</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The full form shown in help, e.g. <c>kudos @name for &lt;reason&gt;</c>.</summary>
    public required string Usage { get; init; }

    public required string Description { get; init; }

    public CommandAudience Audience { get; init; } = CommandAudience.Everyone;

    public CommandScopes Scopes { get; init; } = CommandScopes.All;

    /// <summary>Does the command's work; services are the message's scope.</summary>
    public required Func<IServiceProvider, CommandContext, CancellationToken, Task> Handle { get; init; }
}

public enum CommandAudience
{
    Everyone,
    Facilitators,
}

/// <summary>Where a command can be used, matching the Teams manifest's bot scopes.</summary>
[Flags]
public enum CommandScopes
{
    Personal = 1,
    Team = 2,
    GroupChat = 4,
    All = Personal | Team | GroupChat,
}

public interface ICommandHandler
{
    Task HandleAsync(CommandContext context, CancellationToken cancellationToken);
}

/// <summary>A parsed command: which one, the text after its name, and the turn it came in.</summary>
public sealed record CommandContext(BotCommand Command, string Arguments, TurnContext Turn)
{
    public Activity Activity => Turn.Activity;

    public CommandScopes Scope => ScopeOf(Turn.Activity);

    public static CommandScopes ScopeOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Conversation?.ConversationType switch
        {
            "channel" => CommandScopes.Team,
            "groupChat" => CommandScopes.GroupChat,
            _ => CommandScopes.Personal,
        };
    }
}
