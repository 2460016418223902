using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Chats;

/// <summary>
/// Finds or opens the 1:1 chat with a person: the one the bot opened before, the one they started
/// by installing the app, or a new one (create-conversation, which Teams answers with the same
/// chat each time). A new chat is remembered only when <c>remember</c> allows it, in table
/// <c>BadgeLearners</c> (where badges first kept it), partition <c>chat|{tenant}</c>, row
/// <c>{user id}</c>: keyed by the user id, not the learner key, so it links no key to a person.
/// </summary>
public sealed class PersonalChats(StorageTables tables, ConversationStore conversations)
{
    private const string TableName = "BadgeLearners";

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
        if (await FindRememberedAsync(tenantId, userId, cancellationToken) is { } chat)
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
            var table = await tables.GetAsync(TableName, cancellationToken);
            await table.UpsertEntityAsync(
                new TableEntity(ChatPartition(tenantId), TableKeys.Encode(userId)) { ["ConversationId"] = id, ["ServiceUrl"] = serviceUrl },
                TableUpdateMode.Replace,
                cancellationToken);
        }

        return (id, serviceUrl);
    }

    /// <summary>The 1:1 chat the bot opened with the user before and remembered, if any.</summary>
    public async Task<(string ConversationId, string ServiceUrl)?> FindRememberedAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(ChatPartition(tenantId), TableKeys.Encode(userId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value!.GetString("ConversationId") is { Length: > 0 } id
            ? (id, response.Value.GetString("ServiceUrl") ?? string.Empty)
            : null;
    }

    /// <summary>Forgets the remembered chat (<c>forget me</c>); false when there was none.</summary>
    public async Task<bool> ForgetAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        return (await table.DeleteEntityAsync(ChatPartition(tenantId), TableKeys.Encode(userId), ETag.All, cancellationToken)).Status != 404;
    }

    private static string ChatPartition(string tenantId) => "chat|" + TableKeys.Encode(tenantId);
}
