using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Routing;

public static class RoutingServiceCollectionExtensions
{
    /// <summary>Adds a row to the routing table; <typeparamref name="THandler"/> is resolved per activity.</summary>
    public static IServiceCollection AddActivityRoute<THandler>(this IServiceCollection services, string name, Func<Activity, bool> selector)
        where THandler : class, IActivityHandler
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new ActivityRoute(name, selector, typeof(THandler)));
        return services;
    }
}
