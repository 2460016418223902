using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsLearningBot.Bench.Insights;

namespace TeamsLearningBot.Bench.Tab;

/// <summary>
/// The real app on Kestrel (loopback) and Azurite in Development (so the tab's development sign-in
/// stands in for Teams SSO), no app id, logging at Warning, on a shifted clock, with the background
/// passes that would only add noise off; the app's table requests are counted by <paramref name="meter"/>.
/// </summary>
internal sealed class BenchApp(string storageConnectionString, string tablePrefix, StorageMeter meter, ShiftedClock clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseBenchApp(storageConnectionString, tablePrefix).WithoutBackgroundPasses();
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(meter.Options);
            services.AddSingleton<IStartupFilter>(meter);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
    }
}
