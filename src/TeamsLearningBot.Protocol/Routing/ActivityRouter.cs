using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Routing;

/// <summary>
/// Dispatches an activity through the routing table: every matching route for ordinary
/// activities, the first matching route for an invoke (which has exactly one answer).
/// </summary>
public sealed partial class ActivityRouter
{
    private readonly IReadOnlyList<ActivityRoute> routes;
    private readonly ILogger<ActivityRouter> logger;

    public ActivityRouter(IEnumerable<ActivityRoute> routes, ILogger<ActivityRouter> logger)
    {
        this.routes = [.. routes];
        this.logger = logger;
        var duplicate = this.routes.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"The activity route '{duplicate.Key}' is registered more than once; route names must be unique.");
        }
    }

    public IReadOnlyList<ActivityRoute> Routes => routes;

    /// <summary>Runs the matching handlers. Returns the invoke answer, or null when no route answered.</summary>
    public async Task<InvokeResponse?> RouteAsync(TurnContext turn, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(services);
        var activity = turn.Activity;
        InvokeResponse? answer = null;
        var matched = false;
        foreach (var route in routes)
        {
            if (!route.Selector(activity))
            {
                continue;
            }

            matched = true;
            LogRouting(logger, activity.Type, route.Name);
            var handler = (IActivityHandler)services.GetRequiredService(route.HandlerType);
            var response = await handler.HandleAsync(turn, cancellationToken);
            if (activity.IsInvoke)
            {
                answer = response;
                break;
            }
        }

        if (!matched)
        {
            LogUnrouted(logger, activity.Type, activity.Name);
        }

        return answer;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Routing {ActivityType} to {Route}")]
    private static partial void LogRouting(ILogger logger, string activityType, string route);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No route for {ActivityType} {Name}; ignored")]
    private static partial void LogUnrouted(ILogger logger, string activityType, string? name);
}

/// <summary>One row of the routing table: a unique name, which activities it takes, and who handles them.</summary>
public sealed record ActivityRoute(string Name, Func<Activity, bool> Selector, Type HandlerType);
