using Microsoft.Extensions.Options;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Reflections;

/// <summary>Runs the reflections retention purge now and then, in every instance (a pass is idempotent).</summary>
public sealed class ReflectionRetention(
    ReflectionPurge purge,
    IOptions<ReflectionOptions> options,
    TimeProvider time,
    ILogger<ReflectionRetention> logger) : PeriodicPass(time, logger)
{
    protected override bool Enabled => options.Value.RetentionEnabled;

    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => purge.PurgeAsync(cancellationToken);
}
