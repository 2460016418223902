using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsLearningBot.Protocol.Activities;

public sealed record TeamsChannelData
{
    public TenantInfo? Tenant { get; init; }

    public TeamInfo? Team { get; init; }

    public ChannelInfo? Channel { get; init; }

    /// <summary><c>teamMemberAdded</c>, <c>channelCreated</c>, <c>editMessage</c>, … (see <see cref="TeamsEventTypes"/>).</summary>
    public string? EventType { get; init; }

    public NotificationInfo? Notification { get; init; }

    public TeamsChannelDataSettings? Settings { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
