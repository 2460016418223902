using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Authentication;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Protocol.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: size check (413), JSON (400), authentication (401), the envelope
/// check (400, <see cref="ActivityValidator"/>), then the router. Handlers run while the request
/// waits, so a failure answers 500 and Teams redelivers; an invoke's answer is its response body.
/// A turn of any other activity still running after <see cref="BotOptions.AcknowledgeAfter"/> is
/// answered 202 and finishes in the background (<see cref="BotTurns"/>), so no request outlives
/// Teams' 15 s delivery timeout waiting for a Connector permit — or 503, so that Teams delivers it
/// again, when storage is failing and the turn would likely fail after its 202.
/// </summary>
public static partial class BotEndpoint
{
    public static IEndpointConventionBuilder MapBotEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Build the routing table now so that a duplicate route name stops the host at start-up.
        _ = endpoints.ServiceProvider.GetRequiredService<ActivityRouter>();
        return endpoints.MapPost(pattern, HandleAsync).DisableAntiforgery();
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        BotAuthenticator authenticator,
        ActivityRouter router,
        ConnectorClient connector,
        IOptions<BotOptions> options,
        ILoggerFactory loggerFactory,
        IEnumerable<IActivityFilter> filters,
        BotTurns turns)
    {
        var logger = loggerFactory.CreateLogger(typeof(BotEndpoint));
        var cancellationToken = http.RequestAborted;
        var limit = options.Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        Activity? activity;
        try
        {
            activity = await ReadActivityAsync(http.Request, limit, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        catch (RequestTooLargeException)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        catch (JsonException e)
        {
            LogMalformed(logger, e.Message);
            return TypedResults.BadRequest("The body is not a valid activity: " + e.Message);
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return TypedResults.BadRequest("Missing activity or activity type.");
        }

        var authentication = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.ToString(), activity, cancellationToken);
        if (!authentication.Succeeded)
        {
            LogUnauthorized(logger, authentication.FailureReason);
            return TypedResults.Unauthorized();
        }

        // After authentication, so an unauthenticated caller learns nothing about what is checked.
        if (ActivityValidator.FindProblem(activity) is { } problem)
        {
            LogIncomplete(logger, problem);
            return TypedResults.BadRequest(problem);
        }

        foreach (var filter in filters)
        {
            if (!await filter.AcceptAsync(activity, cancellationToken))
            {
                return activity.IsInvoke ? TypedResults.StatusCode(StatusCodes.Status403Forbidden) : TypedResults.Ok();
            }
        }

        if (!activity.IsInvoke)
        {
            return await turns.RunAsync(activity, cancellationToken) switch
            {
                TurnAnswer.Finished => TypedResults.Ok(),
                TurnAnswer.Background => TypedResults.StatusCode(StatusCodes.Status202Accepted),
                _ => TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable),
            };
        }

        var turn = new TurnContext(activity, connector);
        var answer = await router.RouteAsync(turn, http.RequestServices, cancellationToken);
        if (answer is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status501NotImplemented);
        }

        return answer.Body is null
            ? TypedResults.StatusCode(answer.Status)
            : TypedResults.Json(answer.Body, ActivityJson.Options, statusCode: answer.Status);
    }

    /// <summary>
    /// Reads the whole body into a pooled buffer (sized from Content-Length when there is one) and
    /// deserializes it from there, so a request allocates no buffers of its own.
    /// </summary>
    private static async Task<Activity?> ReadActivityAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        // One byte beyond the limit is enough to tell that a body is too large.
        var cap = (int)Math.Min(limit + 1, Array.MaxLength);
        var initial = request.ContentLength is { } length and > 0 ? (int)Math.Min(length + 1, cap) : Math.Min(4096, cap);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        try
        {
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (buffer.Length >= cap)
                    {
                        throw new RequestTooLargeException();
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(count), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                count += read;
                if (count > limit)
                {
                    throw new RequestTooLargeException();
                }
            }

            return count == 0 ? null : JsonSerializer.Deserialize<Activity>(buffer.AsSpan(0, count), ActivityJson.Options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class RequestTooLargeException : Exception;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an unauthenticated request: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected an incomplete activity: {Problem}")]
    private static partial void LogIncomplete(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a malformed activity: {Error}")]
    private static partial void LogMalformed(ILogger logger, string error);
}
