using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary>The real app on Kestrel (loopback), Azurite storage, no app id, logging at Warning.</summary>
internal sealed class BenchApp(string storageConnectionString, string tablePrefix, TransactionCounter counter) : WebApplicationFactory<Program>
{

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseBenchApp(storageConnectionString, tablePrefix);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(counter.Options);
            services.AddSingleton<IStartupFilter, RequestMarker>();
        });
    }
}
