using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// A short notice in the thread an activity came from. Built bare rather than as a reply, so it
/// carries no recipient: nothing the bot sends names the person, even in fields nobody reads.
/// </summary>
public static class ThreadNotice
{
    public static Task SendAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.SendAsync(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" }, cancellationToken);
    }

    public static Task SendAsync(TurnContext turn, Attachment card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.SendAsync(new Activity { Type = ActivityTypes.Message, Attachments = [card] }, cancellationToken);
    }
}
