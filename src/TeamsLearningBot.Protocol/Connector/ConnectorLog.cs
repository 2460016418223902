using System.Net;
using Microsoft.Extensions.Logging;

namespace TeamsLearningBot.Protocol.Connector;

internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Connector call {Method} {Path} failed with {StatusCode}; attempt {Attempt} is retried in {Delay}.")]
    public static partial void RetryingStatus(ILogger logger, HttpMethod method, string? path, HttpStatusCode statusCode, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Connector call {Method} {Path} failed; attempt {Attempt} is retried in {Delay}.")]
    public static partial void RetryingException(ILogger logger, Exception exception, HttpMethod method, string? path, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Connector call {Method} for conversation {Conversation} waited {Waited} for a rate-limit permit.")]
    public static partial void WaitedForPermit(ILogger logger, HttpMethod method, string? conversation, TimeSpan waited);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Connector call {Method} for conversation {Conversation} was refused: the rate-limit queue is full.")]
    public static partial void RateLimitQueueFull(ILogger logger, HttpMethod method, string? conversation);
}
