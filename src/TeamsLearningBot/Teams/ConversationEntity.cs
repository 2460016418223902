using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Teams;

/// <summary>
/// A personal or group chat the bot is in, with what a proactive message needs. Partition: the
/// tenant; rows <c>personal|{user id}</c> or <c>group|{conversation id}</c>.
/// </summary>
public sealed class ConversationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ConversationId { get; set; } = string.Empty;

    /// <summary><c>personal</c> or <c>groupChat</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    public string ServiceUrl { get; set; } = string.Empty;

    public string? TenantId { get; set; }

    public string? BotId { get; set; }

    public string? BotName { get; set; }

    public string? UserId { get; set; }

    public string? UserAadObjectId { get; set; }

    public bool IsActive { get; set; } = true;
}
