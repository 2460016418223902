using System.Globalization;
using System.Text.Json.Nodes;
using TeamsLearningBot.Bench;

namespace TeamsLearningBot.Benchmarks.Messaging;

/// <summary>
/// Message activities shaped like the ones Teams sends from a personal chat, each from its own
/// user and conversation. <c>help</c> makes the bot answer with the help card: one Connector call
/// and no storage write.
/// </summary>
internal static class Activities
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>The conversation id of personal chat <paramref name="index"/>.</summary>
    public static string ConversationId(int index) => $"a:1bench-personal-chat-{index.ToString("D6", CultureInfo.InvariantCulture)}";

    public static IReadOnlyList<byte[]> PersonalMessages(int count, string text, string serviceUrl, string botAppId)
    {
        var bodies = new byte[count][];
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString("D6", CultureInfo.InvariantCulture);
            var activity = new JsonObject
            {
                ["text"] = text,
                ["textFormat"] = "plain",
                ["type"] = "message",
                ["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
                ["localTimestamp"] = now.ToOffset(TimeSpan.FromHours(1)).ToString("O", CultureInfo.InvariantCulture),
                ["id"] = "1764235" + n,
                ["channelId"] = IdentityStandIn.ChannelId,
                ["serviceUrl"] = serviceUrl,
                ["from"] = new JsonObject
                {
                    ["id"] = $"29:1bench-user-{n}",
                    ["name"] = $"Bench User {i + 1}",
                    ["aadObjectId"] = new Guid(i, 0x7d0a, 0x4b6f, [0x9a, 0x3e, 0x2f, 0x1b, 0x8f, 0x0c, 0x9a, 0x11]).ToString(),
                },
                ["conversation"] = new JsonObject
                {
                    ["conversationType"] = "personal",
                    ["tenantId"] = TenantId,
                    ["id"] = ConversationId(i),
                },
                ["recipient"] = new JsonObject { ["id"] = $"28:{botAppId}", ["name"] = "Learning Bot" },
                ["entities"] = new JsonArray(new JsonObject
                {
                    ["locale"] = "en-GB",
                    ["country"] = "GB",
                    ["platform"] = "Windows",
                    ["timezone"] = "Europe/London",
                    ["type"] = "clientInfo",
                }),
                ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
                ["locale"] = "en-GB",
                ["localTimezone"] = "Europe/London",
            };
            bodies[i] = System.Text.Encoding.UTF8.GetBytes(activity.ToJsonString());
        }

        return bodies;
    }
}
