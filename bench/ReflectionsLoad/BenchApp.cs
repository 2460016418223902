using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary>The real app on Kestrel (loopback), Azurite storage, no app id, logging at Warning.</summary>
internal sealed class BenchApp(string storageConnectionString, string tablePrefix, TransactionCounter counter) : WebApplicationFactory<Program>
{

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:ConnectionString", storageConnectionString);
        builder.UseSetting("Storage:TablePrefix", tablePrefix);
        builder.UseSetting("MicrosoftAppId", string.Empty);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:TeamsLearningBot", "Warning");
        builder.UseSetting("Drops:SchedulerEnabled", "false");
        builder.UseSetting("Drops:WorkersEnabled", "false");
        builder.UseSetting("Reflections:RetentionEnabled", "false");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(counter.Options);
            services.AddSingleton<IStartupFilter, RequestMarker>();
        });
    }
}
