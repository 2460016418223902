using Microsoft.Extensions.Options;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Insights;

/// <summary>Runs the insights retention purge now and then, in every instance (a pass is idempotent).</summary>
public sealed class InsightsRetention(
    InsightsPurge purge,
    IOptions<InsightsOptions> options,
    TimeProvider time,
    ILogger<InsightsRetention> logger) : PeriodicPass(time, logger)
{
    protected override bool Enabled => options.Value.RetentionEnabled;

    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => purge.PurgeAsync(cancellationToken);
}
