using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Finds or opens the 1:1 chat with a person: the one the bot opened before, the one they started
/// by installing the app, or a new one (create-conversation, which Teams answers with the same
/// chat each time). A new chat is remembered only when <c>remember</c> allows it.
/// </summary>
public sealed class PersonalChats(BadgeLearnerStore learners, ConversationStore conversations)
{
    public async Task<(string ConversationId, string ServiceUrl)?> OpenAsync(
        ConnectorClient connector,
        string tenantId,
        string userId,
        string? serviceUrl,
        ChannelAccount? bot,
        bool remember,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (await learners.FindChatAsync(tenantId, userId, cancellationToken) is { } chat)
        {
            return chat;
        }

        if (await conversations.FindPersonalAsync(tenantId, userId, cancellationToken) is { } known)
        {
            return (known.ConversationId, known.ServiceUrl);
        }

        if (string.IsNullOrEmpty(serviceUrl))
        {
            return null;
        }

        var created = await connector.CreateConversationAsync(serviceUrl, ConversationParameters.ForPersonalChat(userId, tenantId, bot), cancellationToken);
        if (created?.Id is not { Length: > 0 } id)
        {
            return null;
        }

        if (remember)
        {
            await learners.SaveChatAsync(tenantId, userId, id, serviceUrl, cancellationToken);
        }

        return (id, serviceUrl);
    }
}
