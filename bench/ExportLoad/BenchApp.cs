using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TeamsLearningBot.Bench.Export;

/// <summary>The real app on Kestrel (loopback), Azurite storage (30 s network timeout), no app id, background work off, logging at Warning.</summary>
internal sealed class BenchApp(string storageConnectionString, string tablePrefix) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // A shared, loaded machine makes Azurite answer a 100-row transaction or a 1,000-row page in more than the app's 3 s.
        builder.UseBenchApp(storageConnectionString, tablePrefix).WithoutBackgroundPasses(kudosRetention: true)
            .UseSetting("Storage:NetworkTimeout", "00:00:30");
    }
}
