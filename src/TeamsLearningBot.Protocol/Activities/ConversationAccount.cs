using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsLearningBot.Protocol.Activities;

/// <summary>
/// The conversation an activity belongs to. In a channel thread the id carries the root post:
/// <c>19:abc@thread.tacv2;messageid=1234</c>.
/// </summary>
public sealed record ConversationAccount
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary><c>personal</c>, <c>groupChat</c> or <c>channel</c>; absent for personal chat in the Playground.</summary>
    public string? ConversationType { get; init; }

    public string? TenantId { get; init; }

    public bool? IsGroup { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
