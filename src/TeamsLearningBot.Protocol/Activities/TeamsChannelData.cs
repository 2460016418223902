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

public sealed record TenantInfo
{
    public string? Id { get; init; }
}

public sealed record TeamInfo
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadGroupId { get; init; }
}

public sealed record ChannelInfo
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The channel's membership: <see cref="Standard"/>, <see cref="Private"/> or <see cref="Shared"/>; absent on older payloads.</summary>
    public string? Type { get; init; }

    public const string Standard = "standard";

    /// <summary>Only some of the team's members are in it.</summary>
    public const string Private = "private";

    /// <summary>People outside the team may be in it.</summary>
    public const string Shared = "shared";
}

public sealed record TeamsChannelDataSettings
{
    public ChannelInfo? SelectedChannel { get; init; }
}

public sealed record NotificationInfo
{
    public bool? Alert { get; init; }
}
