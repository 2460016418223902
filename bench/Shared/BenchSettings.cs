using Microsoft.AspNetCore.Hosting;

namespace TeamsLearningBot.Bench;

/// <summary>The settings the load benchmarks run the real app with.</summary>
internal static class BenchSettings
{
    /// <summary>
    /// Development on Azurite under <paramref name="tablePrefix"/>, no app id, logging at Warning,
    /// the drop scheduler and workers and the reflections' retention off.
    /// </summary>
    public static IWebHostBuilder UseBenchApp(this IWebHostBuilder builder, string storageConnectionString, string tablePrefix)
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
        return builder;
    }

    /// <summary>
    /// Also off: the background passes that would only add noise to timed requests (card refresher,
    /// insights retention, badge sweeper, weekly recognition; kudos retention unless <paramref name="kudosRetention"/>).
    /// </summary>
    public static IWebHostBuilder WithoutBackgroundPasses(this IWebHostBuilder builder, bool kudosRetention = false)
    {
        builder.UseSetting("Reflections:RefreshWorkerEnabled", "false");
        builder.UseSetting("Insights:RetentionEnabled", "false");
        if (!kudosRetention)
        {
            builder.UseSetting("Recognition:KudosRetentionEnabled", "false");
        }

        builder.UseSetting("Recognition:Badges:SweeperEnabled", "false");
        builder.UseSetting("Recognition:Weekly:SchedulerEnabled", "false");
        return builder;
    }
}
