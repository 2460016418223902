using System.Net;
using Microsoft.Extensions.Logging;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>
/// Takes a permit from the shared <see cref="ConnectorRateLimiter"/> before each attempt. It sits
/// inside the retry handler, so a retried call queues again like any other request.
/// </summary>
internal sealed class ConnectorRateLimitHandler(ConnectorRateLimiter limiter, TimeProvider time, ILogger<ConnectorRateLimitHandler> logger)
    : DelegatingHandler
{
    private static readonly TimeSpan ReportedWait = TimeSpan.FromMilliseconds(500);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.TryGetValue(ConnectorClient.ConversationKey, out var conversationId);
        var started = time.GetTimestamp();
        using var lease = await limiter.AcquireAsync(conversationId, cancellationToken);
        if (!lease.IsAcquired)
        {
            ConnectorLog.RateLimitQueueFull(logger, request.Method, conversationId);
            throw new ConnectorException(
                HttpStatusCode.TooManyRequests,
                "RateLimitQueueFull",
                $"Too many Connector calls are waiting for a permit; {request.Method} {request.RequestUri?.AbsolutePath} was not sent.");
        }

        var waited = time.GetElapsedTime(started);
        if (waited >= ReportedWait)
        {
            ConnectorLog.WaitedForPermit(logger, request.Method, conversationId, waited);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Connector calls are asynchronous only, so that waiting for a rate-limit permit never blocks a thread.");
}
