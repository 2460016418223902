using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TeamsLearningBot.Bench.Export;

/// <summary>The real app on Kestrel (loopback), Azurite storage, no app id, background work off, logging at Warning.</summary>
internal sealed class BenchApp(string storageConnectionString, string tablePrefix) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseBenchApp(storageConnectionString, tablePrefix).WithoutBackgroundPasses(kudosRetention: true);
    }
}
