using System.Text.Json;

namespace TeamsLearningBot.Testing;

/// <summary>One request as the <see cref="FakeConnector"/> received it, and how it answered.</summary>
public sealed record RecordedRequest
{
    /// <summary>1-based arrival order.</summary>
    public required int Sequence { get; init; }

    public required string Method { get; init; }

    /// <summary>The path exactly as sent, still escaped: <c>/v3/conversations/19%3Aabc%40thread.tacv2/activities</c>.</summary>
    public required string RawPath { get; init; }

    /// <summary>The path's segments, unescaped: <c>["v3", "conversations", "19:abc@thread.tacv2", "activities"]</c>.</summary>
    public required IReadOnlyList<string> Segments { get; init; }

    /// <summary>The raw query string including <c>?</c>, or empty.</summary>
    public required string QueryString { get; init; }

    /// <summary>Query parameters, unescaped.</summary>
    public required IReadOnlyDictionary<string, string> Query { get; init; }

    /// <summary>Request headers (content headers included), case-insensitive; repeated values joined with <c>", "</c>.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public string? BodyText { get; init; }

    /// <summary>The body parsed as JSON, when it was JSON.</summary>
    public JsonElement? Body { get; init; }

    /// <summary>Arrival time by the fake's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Arrival time since the fake started, from a monotonic clock; use it to measure rates.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The status the fake answered with; 0 when it dropped the connection.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Whether the fake answered as Teams would on success (not a scripted failure).</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>The conversation id of a <c>/v3/conversations/{id}/…</c> route, unescaped.</summary>
    public string? ConversationId => Route is ["conversations", var id, ..] ? id : null;

    /// <summary>The segments from <c>v3</c> on, without it, whatever path the service URL had.</summary>
    public IReadOnlyList<string> Route
    {
        get
        {
            var list = Segments.ToList();
            var v3 = list.IndexOf("v3");
            return v3 < 0 ? list : list[(v3 + 1)..];
        }
    }

    /// <summary>The body's <c>text</c>, for activities.</summary>
    public string? Text => Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
        ? text.GetString()
        : null;
}
