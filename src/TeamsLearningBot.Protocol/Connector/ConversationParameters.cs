using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>The body of <c>POST /v3/conversations</c>.</summary>
public sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }

    public ChannelAccount? Bot { get; init; }

    public IReadOnlyList<ChannelAccount>? Members { get; init; }

    public string? TopicName { get; init; }

    public string? TenantId { get; init; }

    public Activity? Activity { get; init; }

    public TeamsChannelData? ChannelData { get; init; }

    /// <summary>Parameters that start a new thread in a channel, its first post being <paramref name="activity"/>.</summary>
    public static ConversationParameters ForChannelThread(string channelId, string tenantId, ChannelAccount? bot, Activity activity) => new()
    {
        IsGroup = true,
        Bot = bot,
        TenantId = tenantId,
        Activity = activity,
        ChannelData = new TeamsChannelData
        {
            Channel = new ChannelInfo { Id = channelId },
            Tenant = new TenantInfo { Id = tenantId },
        },
    };

    /// <summary>Parameters that open (or find) the 1:1 chat between the bot and a user.</summary>
    public static ConversationParameters ForPersonalChat(string userId, string tenantId, ChannelAccount? bot) => new()
    {
        IsGroup = false,
        Bot = bot,
        TenantId = tenantId,
        Members = [new ChannelAccount { Id = userId }],
        ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = tenantId } },
    };
}
