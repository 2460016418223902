using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary>
/// First middleware of the app: tags the request's async flow for <see cref="TransactionCounter"/>,
/// with the kind of contact the load generator says it is (header <see cref="ContactHeader"/>).
/// </summary>
internal sealed class RequestMarker : IStartupFilter
{
    public const string ContactHeader = "X-Bench-Contact";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            TransactionCounter.MarkRequest(context.Request.Headers[ContactHeader].ToString());
            await nextMiddleware(context);
        });
        next(app);
    };
}
