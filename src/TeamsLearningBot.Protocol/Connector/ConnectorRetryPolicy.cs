using System.Net;
using Polly.Timeout;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>Which Connector failures are worth another attempt, and when.</summary>
internal static class ConnectorRetryPolicy
{
    /// <summary>
    /// Throttling (429), Teams' transient 412 and gateway failures (502/503/504). Other 4xx mean the
    /// request itself is wrong or the bot lost access, and 500 is not known to heal on its own.
    /// </summary>
    public static bool IsRetryable(HttpStatusCode statusCode) => statusCode is
        HttpStatusCode.TooManyRequests or
        HttpStatusCode.PreconditionFailed or
        HttpStatusCode.BadGateway or
        HttpStatusCode.ServiceUnavailable or
        HttpStatusCode.GatewayTimeout;

    /// <summary>Connection-level failures and attempt timeouts; TLS and proxy-auth failures will not heal.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutRejectedException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError or HttpRequestError.UserAuthenticationError or HttpRequestError.ConfigurationLimitExceeded } => false,
        HttpRequestException => true,
        _ => false,
    };

    /// <summary>
    /// The wait a 429 or 503 asks for in <c>Retry-After</c> (delta-seconds or an HTTP-date), or null
    /// when the response names none.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Whether to try again after <paramref name="response"/>, given the longest wait we accept.</summary>
    public static bool ShouldRetry(HttpResponseMessage response, TimeProvider time, TimeSpan maxDelay) =>
        IsRetryable(response.StatusCode) && !(RetryAfter(response, time) > maxDelay);

    /// <summary>
    /// Whether a failed attempt of a <paramref name="method"/> request may be sent again. Reads,
    /// updates and deletes may: doing them twice is doing them once. A POST creates a message or a
    /// conversation, so it is sent again only when Teams surely did not act on it: it refused it
    /// (429, 412, 503) or the connection was never made. After a timeout, a dropped connection or
    /// a gateway failure (502, 504) the post may well have been made; sending it again could post
    /// it twice, so the failure goes to the caller, which knows whether the post is in doubt.
    /// </summary>
    public static bool MayRepeat(HttpMethod method, HttpStatusCode? statusCode, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method != HttpMethod.Post)
        {
            return true;
        }

        return statusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.ServiceUnavailable
            || exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
    }
}
