using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace TeamsLearningBot.Protocol.Connector;

public static class ConnectorPipelineExtensions
{
    /// <summary>
    /// Adds to the Connector client, outermost first: a total timeout and the retry (jittered
    /// exponential backoff honouring <c>Retry-After</c>), the shared rate limiter, and a per-attempt
    /// timeout. Handlers added after this call (the token handler) run inside, once per attempt.
    /// </summary>
    public static IHttpClientBuilder AddConnectorPipeline(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ConnectorResilienceOptions>()
            .BindConfiguration(ConnectorResilienceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // One limiter for the process: typed clients are transient, Teams' limits are not.
        services.TryAddSingleton(sp => ConnectorRateLimiter.Create(sp.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value));
        services.TryAddTransient<ConnectorRateLimitHandler>();

        // The pipeline owns the timeouts; HttpClient's own 100 s would cut off permit waits.
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);

        builder.AddResilienceHandler("connector", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value;
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<ConnectorClient>();
            pipeline.TimeProvider = time;
            pipeline
                .AddTimeout(options.TotalTimeout)
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.BaseDelay,
                    MaxDelay = options.MaxDelay,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: { } exception } => ConnectorRetryPolicy.IsTransient(exception)
                            && ConnectorRetryPolicy.MayRepeat(MethodOf(args.Context), null, exception),
                        { Result: { } response } => ConnectorRetryPolicy.ShouldRetry(response, time, options.MaxDelay)
                            && ConnectorRetryPolicy.MayRepeat(MethodOf(args.Context), response.StatusCode, null),
                        _ => false,
                    }),
                    DelayGenerator = args => ValueTask.FromResult(
                        args.Outcome.Result is { } response ? ConnectorRetryPolicy.RetryAfter(response, time) : null),
                    OnRetry = args =>
                    {
                        var request = args.Context.GetRequestMessage();
                        var method = request?.Method ?? HttpMethod.Get;
                        var path = request?.RequestUri?.AbsolutePath;
                        if (args.Outcome.Exception is { } exception)
                        {
                            ConnectorLog.RetryingException(logger, exception, method, path, args.AttemptNumber + 1, args.RetryDelay);
                        }
                        else if (args.Outcome.Result is { } response)
                        {
                            ConnectorLog.RetryingStatus(logger, method, path, response.StatusCode, args.AttemptNumber + 1, args.RetryDelay);
                        }

                        return ValueTask.CompletedTask;
                    },
                });
        });

        builder.AddHttpMessageHandler<ConnectorRateLimitHandler>();

        builder.AddResilienceHandler("connector-attempt", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value;
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddTimeout(options.AttemptTimeout);
        });

        return builder;
    }

    private static HttpMethod MethodOf(ResilienceContext context) => context.GetRequestMessage()?.Method ?? HttpMethod.Post;
}
