using System.Net;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>
/// A Connector call that failed after retries. <see cref="StatusCode"/> tells callers whether the
/// bot was removed (403/404) or the message was too large (413).
/// </summary>
public sealed class ConnectorException(HttpStatusCode statusCode, string? errorCode, string message)
    : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The Connector's <c>error.code</c>, e.g. <c>ConversationNotFound</c>, when it sent one.</summary>
    public string? ErrorCode { get; } = errorCode;
}
