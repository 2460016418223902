using System.Net;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition;

/// <summary>
/// Writes to one person in their 1:1 chat with the bot, opening it when the bot has none on record
/// (Teams returns the same chat every time, so opening it again is harmless). Scoped: it holds a
/// <see cref="ConnectorClient"/>, a typed HttpClient.
/// </summary>
public sealed partial class PersonalMessenger(ConversationStore conversations, ConnectorClient connector, ILogger<PersonalMessenger> logger)
{
    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="userId"/>. Null when Teams refuses for good
    /// (the person left the tenant or blocked the bot); transient failures throw, so the caller's
    /// redelivery tries again.
    /// </summary>
    public async Task<PersonalMessage?> SendAsync(PersonalRecipient recipient, Activity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var known = await conversations.FindPersonalAsync(recipient.TenantId, recipient.UserId, cancellationToken);
            var conversationId = known?.ConversationId;
            var serviceUrl = known?.ServiceUrl is { Length: > 0 } url ? url : recipient.ServiceUrl;
            if (conversationId is null)
            {
                var created = await connector.CreateConversationAsync(
                    recipient.ServiceUrl,
                    ConversationParameters.ForPersonalChat(recipient.UserId, recipient.TenantId, recipient.Bot),
                    cancellationToken);
                conversationId = created.Id ?? throw new ConnectorException(HttpStatusCode.BadGateway, null, "Teams opened a chat without an id.");
                serviceUrl = recipient.ServiceUrl;
            }

            var sent = await connector.SendToConversationAsync(serviceUrl, conversationId, message, cancellationToken);
            return new PersonalMessage(serviceUrl, conversationId, sent?.Id ?? string.Empty);
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
