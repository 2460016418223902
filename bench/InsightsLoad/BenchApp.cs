using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsLearningBot.Events;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Recognition.Leaderboard;

namespace TeamsLearningBot.Bench.Insights;

/// <summary>
/// The real app on Kestrel (loopback) and Azurite, no app id, logging at Warning, on a shifted clock,
/// with the background passes that would only add noise (drop scheduler and workers, card
/// refresher, badge sweeper, weekly recognition, retention) off. Without <paramref name="insights"/>
/// the learner events reach only badges and the leaderboard: the cost insights adds is the difference.
/// </summary>
internal sealed class BenchApp(string storageConnectionString, string tablePrefix, StorageMeter meter, ShiftedClock clock, bool insights) : WebApplicationFactory<Program>
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
            if (!insights)
            {
                // The leaderboard counts in insights' transactions: with the insights sink off, only badges count.
                services.RemoveAll<ILearnerEventSink>();
                services.AddSingleton<ILearnerEventSink>(s => s.GetRequiredService<BadgeEngine>());
            }
        });
    }
}
