using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>The community a command speaks of, as learner events name it: the team in a channel, the chat in a group chat, none in a personal chat.</summary>
public static class BadgeCommunity
{
    public static string? Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Conversation?.ConversationType switch
        {
            "channel" => activity.TeamId,
            "groupChat" => activity.Conversation.Id,
            _ => null,
        };
    }
}
