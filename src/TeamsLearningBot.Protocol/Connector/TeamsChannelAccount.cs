using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>A member as the Teams member APIs return it.</summary>
public sealed record TeamsChannelAccount
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadObjectId { get; init; }

    /// <summary>The REST docs name the AAD id <c>objectId</c>; accept both.</summary>
    public string? ObjectId { get; init; }

    public string? GivenName { get; init; }

    public string? Surname { get; init; }

    public string? Email { get; init; }

    public string? UserPrincipalName { get; init; }

    /// <summary><c>user</c>, <c>guest</c> or <c>anonymous</c>.</summary>
    public string? UserRole { get; init; }

    public string? TenantId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    [JsonIgnore]
    public string? AadId => AadObjectId ?? ObjectId;
}
