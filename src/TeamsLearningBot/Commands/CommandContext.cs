using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Commands;

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
