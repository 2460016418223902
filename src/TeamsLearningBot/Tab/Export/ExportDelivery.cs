using TeamsLearningBot.Chats;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Tab.Export;

/// <summary>The export link goes to the facilitator's 1:1 chat, never into the channel: the channel only hears that it was sent.</summary>
public sealed class ExportDelivery(PersonalMessenger messenger)
{
    public const string Sent = "I've sent you the export link in our 1:1 chat.";
    public const string NoChat = "I couldn't open a 1:1 chat with you to send the export link. Open a chat with me (search for the bot in Teams), then ask again.";

    public async Task SendAsync(CommandContext context, Attachment card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.Activity;
        if (CommandContext.ScopeOf(activity) == CommandScopes.Personal)
        {
            await context.Turn.ReplyAsync(card, cancellationToken);
            return;
        }

        var recipient = new PersonalRecipient(activity.From!.Id!, activity.TenantId ?? string.Empty, context.Turn.ServiceUrl, activity.Recipient);
        var sent = await messenger.SendAsync(recipient, new Activity { Type = ActivityTypes.Message, Summary = "Reflections export", Attachments = [card] }, cancellationToken);
        await context.Turn.ReplyAsync(sent is null ? NoChat : Sent, cancellationToken);
    }
}
