using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Teams;

/// <summary>Table <c>Conversations</c>: references to the personal and group chats the bot is in.</summary>
public sealed class ConversationStore(StorageTables tables)
{
    public const string TableName = "Conversations";
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";

    /// <summary>Records the chat an activity came from. Returns true when the bot did not know it (or it had been removed).</summary>
    public async Task<bool> RecordAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var entity = ToEntity(activity);
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = (await table.GetEntityAsync<ConversationEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken)).Value;
            try
            {
                await table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException conflict) when (conflict.Status == 412)
            {
                // A concurrent delivery of the same chat wrote the same reference first.
                return false;
            }

            return !existing.IsActive;
        }
    }

    public async Task MarkRemovedAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var entity = ToEntity(activity);
        entity.IsActive = false;
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The personal chat with a user, if the bot has one.</summary>
    public async Task<ConversationEntity?> FindPersonalAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<ConversationEntity>(TableKeys.Encode(tenantId), Row(Personal, userId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value!.IsActive ? response.Value : null;
    }

    private static ConversationEntity ToEntity(Activity activity)
    {
        var kind = activity.Conversation?.ConversationType == GroupChat ? GroupChat : Personal;
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation.", nameof(activity));
        var key = kind == Personal ? activity.From?.Id ?? conversationId : conversationId;
        var tenant = activity.TenantId ?? string.Empty;
        return new ConversationEntity
        {
            PartitionKey = TableKeys.Encode(tenant),
            RowKey = Row(kind, key),
            ConversationId = conversationId,
            Kind = kind,
            ServiceUrl = activity.ServiceUrl ?? string.Empty,
            TenantId = activity.TenantId,
            BotId = activity.Recipient?.Id,
            BotName = activity.Recipient?.Name,
            UserId = kind == Personal ? activity.From?.Id : null,
            UserAadObjectId = kind == Personal ? activity.From?.AadObjectId : null,
        };
    }

    private static string Row(string kind, string id) => kind + "|" + TableKeys.Encode(id);

    /// <summary><c>forget me</c>: the reference to the person's 1:1 chat; false when there was none.</summary>
    public async Task<bool> ForgetPersonalAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        return (await table.DeleteEntityAsync(TableKeys.Encode(tenantId), Row(Personal, userId), ETag.All, cancellationToken)).Status != 404;
    }
}
