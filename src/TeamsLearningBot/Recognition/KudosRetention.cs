using Microsoft.Extensions.Options;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition;

/// <summary>Runs the kudos retention purge now and then, in every instance (a pass is idempotent).</summary>
public sealed class KudosRetention(
    KudosPurge purge,
    IOptions<KudosOptions> options,
    TimeProvider time,
    ILogger<KudosRetention> logger) : PeriodicPass(time, logger)
{
    protected override bool Enabled => options.Value.KudosRetentionEnabled;

    protected override TimeSpan Interval => options.Value.KudosRetentionInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => purge.PurgeAsync(cancellationToken);
}
