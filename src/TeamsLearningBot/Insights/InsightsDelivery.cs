using TeamsLearningBot.Chats;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Insights;

/// <summary>
/// Insights go to the facilitator's 1:1 chat, never into the channel: the channel only hears that
/// they were sent. Shared by <c>insights</c> and <c>experts</c>.
/// </summary>
public sealed class InsightsDelivery(PersonalMessenger messenger)
{
    public const string Sent = "I've sent you the insights in our 1:1 chat.";

    public async Task SendAsync(CommandContext context, IReadOnlyList<Attachment> pages, string summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pages);
        var activity = context.Activity;
        if (CommandContext.ScopeOf(activity) == CommandScopes.Personal)
        {
            foreach (var page in pages)
            {
                await context.Turn.ReplyAsync(page, cancellationToken);
            }

            return;
        }

        var recipient = new PersonalRecipient(activity.From!.Id!, activity.TenantId ?? string.Empty, context.Turn.ServiceUrl, activity.Recipient);
        foreach (var page in pages)
        {
            var sent = await messenger.SendAsync(recipient, new Activity { Type = ActivityTypes.Message, Summary = summary, Attachments = [page] }, cancellationToken);
            if (sent is null)
            {
                await context.Turn.ReplyAsync("I couldn't open a 1:1 chat with you to send the insights. Open a chat with me (search for the bot in Teams), then ask again.", cancellationToken);
                return;
            }
        }

        await context.Turn.ReplyAsync(Sent, cancellationToken);
    }
}
