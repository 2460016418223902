using System.Text.Json.Nodes;

namespace TeamsLearningBot.Tests.EndToEnd;

/// <summary>The mock Teams the Playground serves (<c>GET /_internal/v1/config</c>), read from the committed yml.</summary>
internal sealed record PlaygroundConfig(
    string BotId,
    string BotName,
    string UserId,
    string PersonalChatId,
    string TeamId,
    string TeamName,
    IReadOnlyDictionary<string, string> ChannelIdsByName)
{
    public static PlaygroundConfig Parse(JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var config = body["config"]!;
        var team = config["teams"]!.AsArray().Single()!;
        return new PlaygroundConfig(
            config["bot"]!["id"]!.GetValue<string>(),
            config["bot"]!["name"]!.GetValue<string>(),
            config["currentUser"]!["id"]!.GetValue<string>(),
            config["personalChat"]!["id"]!.GetValue<string>(),
            team["id"]!.GetValue<string>(),
            team["name"]!.GetValue<string>(),
            team["channels"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["id"]!.GetValue<string>()));
    }
}
