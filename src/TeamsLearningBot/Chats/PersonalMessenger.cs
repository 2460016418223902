using System.Net;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Recognition.Badges;

namespace TeamsLearningBot.Chats;

/// <summary>
/// Writes to one person in their 1:1 chat with the bot, and updates what it wrote. The chat is
/// found or opened by <see cref="PersonalChats"/>, the one place that knows the bot's 1:1 chats.
/// Scoped: it holds a <see cref="ConnectorClient"/>, a typed HttpClient.
/// </summary>
public sealed partial class PersonalMessenger(PersonalChats chats, ConnectorClient connector, ILogger<PersonalMessenger> logger)
{
    /// <summary>
    /// Sends <paramref name="message"/> to the recipient. Null when Teams refuses for good (the
    /// person left the tenant or blocked the bot); transient failures throw, so the caller's
    /// redelivery tries again.
    /// </summary>
    public async Task<PersonalMessage?> SendAsync(PersonalRecipient recipient, Activity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var chat = await chats.OpenAsync(connector, recipient.TenantId, recipient.UserId, recipient.ServiceUrl, recipient.Bot, remember: false, cancellationToken);
            if (chat is not { } open)
            {
                return null;
            }

            var sent = await connector.SendToConversationAsync(open.ServiceUrl, open.ConversationId, message, cancellationToken);
            return new PersonalMessage(open.ServiceUrl, open.ConversationId, sent?.Id ?? string.Empty);
        }
        catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            LogUnreachable(logger, (int)e.StatusCode, e.ErrorCode ?? "none");
            return null;
        }
    }

    /// <summary>Replaces a message sent earlier; false when it is gone (deleted, or the chat closed).</summary>
    public async Task<bool> UpdateAsync(PersonalMessage sent, Activity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(message);
        if (sent.ActivityId.Length == 0)
        {
            return false;
        }

        try
        {
            await connector.UpdateActivityAsync(sent.ServiceUrl, sent.ConversationId, sent.ActivityId, message, cancellationToken);
            return true;
        }
        catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            LogUnreachable(logger, (int)e.StatusCode, e.ErrorCode ?? "none");
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A 1:1 message was refused (status {StatusCode}, {ErrorCode}); the person cannot be reached")]
    private static partial void LogUnreachable(ILogger logger, int statusCode, string errorCode);
}
