using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsLearningBot.Protocol.Activities;

/// <summary>A user or bot on a channel: <c>29:…</c> for Teams users, <c>28:{appId}</c> for bots.</summary>
public sealed record ChannelAccount
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadObjectId { get; init; }

    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
