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
        ArgumentNullException.ThrowIfNull(message);
        return await OpenAsync(recipient, cancellationToken) is { } chat ? await SendAsync(chat, message, cancellationToken) : null;
    }

    /// <summary>
    /// Finds or opens the recipient's 1:1 chat without writing in it, so a caller can tell a chat
    /// that could not be opened (nothing sent, safe to try again) from a send in doubt. Null when
    /// Teams refuses for good.
    /// </summary>
    public async Task<(string ConversationId, string ServiceUrl)?> OpenAsync(PersonalRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        try
        {
            return await chats.OpenAsync(connector, recipient.TenantId, recipient.UserId, recipient.ServiceUrl, recipient.Bot, remember: false, cancellationToken);
        }
        catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            LogUnreachable(logger, (int)e.StatusCode, e.ErrorCode ?? "none");
            return null;
        }
    }

    /// <summary>Sends <paramref name="message"/> into a chat <see cref="OpenAsync"/> found; null when Teams refuses for good.</summary>
    public async Task<PersonalMessage?> SendAsync((string ConversationId, string ServiceUrl) chat, Activity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var sent = await connector.SendToConversationAsync(chat.ServiceUrl, chat.ConversationId, message, cancellationToken);
            return new PersonalMessage(chat.ServiceUrl, chat.ConversationId, sent?.Id ?? string.Empty);
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

/// <summary>A 1:1 message the bot sent, with what it takes to update it later.</summary>
public sealed record PersonalMessage(string ServiceUrl, string ConversationId, string ActivityId);

/// <summary>Whom a 1:1 message goes to, and how to reach them: the tenant, a service URL and the bot's account.</summary>
public sealed record PersonalRecipient(string UserId, string TenantId, string ServiceUrl, ChannelAccount? Bot);
