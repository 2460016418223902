using System.Globalization;
using System.Net;

namespace TeamsLearningBot.Testing;

/// <summary>A scripted answer that replaces (or delays) the <see cref="FakeConnector"/>'s normal one.</summary>
public sealed record FakeFailure
{
    /// <summary>The status to answer with; null answers as usual (after <see cref="Delay"/>).</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The <c>error.code</c> of the body; with <see cref="Message"/> both null the body is empty.</summary>
    public string? ErrorCode { get; init; }

    public string? Message { get; init; }

    /// <summary>The raw <c>Retry-After</c> header: delta-seconds (<c>"2"</c>) or an HTTP-date.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Close the connection without answering (the client sees a network error).</summary>
    public bool DropConnection { get; init; }

    /// <summary>429 with <c>Retry-After</c> in whole seconds (rounded up).</summary>
    public static FakeFailure Throttled(TimeSpan retryAfter) => new()
    {
        StatusCode = HttpStatusCode.TooManyRequests,
        RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>429 with <c>Retry-After</c> as an HTTP-date.</summary>
    public static FakeFailure ThrottledUntil(DateTimeOffset retryAt) => new()
    {
        StatusCode = HttpStatusCode.TooManyRequests,
        RetryAfter = retryAt.ToString("r", CultureInfo.InvariantCulture),
    };

    public static FakeFailure Status(HttpStatusCode statusCode, string? errorCode = null, string? message = null) => new()
    {
        StatusCode = statusCode,
        ErrorCode = errorCode,
        Message = message,
    };

    public static FakeFailure Dropped() => new() { DropConnection = true };

    /// <summary>The usual answer, <paramref name="delay"/> late.</summary>
    public static FakeFailure Slow(TimeSpan delay) => new() { Delay = delay };
}
