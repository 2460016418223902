using Azure.Data.Tables;

namespace TeamsLearningBot.Health;

public static partial class HealthEndpoints
{
    /// <summary><c>GET /healthz</c>: 200 when Table storage answers, 503 when it does not. Reads one table name; writes nothing.</summary>
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/healthz", CheckAsync);
    }

    private static async Task<IResult> CheckAsync(TableServiceClient tables, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return TypedResults.Ok(new HealthReport("healthy", "reachable"));
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            LogUnhealthy(loggers.CreateLogger(typeof(HealthEndpoints)), e.GetType().Name);
            return TypedResults.Json(new HealthReport("unhealthy", "unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: storage unreachable ({Error})")]
    private static partial void LogUnhealthy(ILogger logger, string error);
}

public sealed record HealthReport(string Status, string Storage);
