using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TeamsLearningBot.Bench.Export;

/// <summary>The real app on Kestrel (loopback), Azurite storage, no app id, background work off, logging at Warning.</summary>
internal sealed class BenchApp(string storageConnectionString, string tablePrefix) : WebApplicationFactory<Program>
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
        builder.UseSetting("Reflections:RefreshWorkerEnabled", "false");
        builder.UseSetting("Insights:RetentionEnabled", "false");
        builder.UseSetting("Recognition:Badges:SweeperEnabled", "false");
        builder.UseSetting("Recognition:Weekly:SchedulerEnabled", "false");
    }
}
