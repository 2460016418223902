using System.Text.Json;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Drops;

internal static class DropRequests
{
    /// <summary>A create-conversation that starts a thread in a channel.</summary>
    public static bool IsNewThread(this RecordedRequest request) =>
        request.Method == "POST" && request.Route is ["conversations"] && request.ThreadChannel() is not null;

    /// <summary>The channel a new thread was started in.</summary>
    public static string? ThreadChannel(this RecordedRequest request) =>
        request.Body is { ValueKind: JsonValueKind.Object } body
        && body.TryGetProperty("channelData", out var data)
        && data.TryGetProperty("channel", out var channel)
        && channel.TryGetProperty("id", out var id)
            ? id.GetString()
            : null;

    /// <summary>The card's title: its first text.</summary>
    public static string CardTitle(this RecordedRequest request) =>
        request.Card()?.GetProperty("body")[0].GetProperty("text").GetString() ?? string.Empty;
}
