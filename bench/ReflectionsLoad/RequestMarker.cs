using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary>First middleware of the app: tags the request's async flow for <see cref="TransactionCounter"/>.</summary>
internal sealed class RequestMarker : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            TransactionCounter.MarkRequest();
            await nextMiddleware(context);
        });
        next(app);
    };
}
