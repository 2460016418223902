using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Privacy;

/// <summary>Deletes one feature's records older than <see cref="PrivacyOptions.RetentionDays"/>, a bounded batch per pass.</summary>
public interface IRetentionPurge
{
    /// <summary>Whether this instance runs the purge (on by default; tests switch it off to drive it by hand).</summary>
    bool Enabled { get; }

    TimeSpan Interval { get; }

    /// <summary>One idempotent pass; returns the number of records deleted.</summary>
    Task<int> PurgeAsync(CancellationToken cancellationToken);
}

/// <summary>Runs a retention purge now and then, in every instance (a pass is idempotent).</summary>
public sealed class RetentionPass<TPurge>(TPurge purge, TimeProvider time, ILogger<RetentionPass<TPurge>> logger) : PeriodicPass(time, logger)
    where TPurge : IRetentionPurge
{
    protected override bool Enabled => purge.Enabled;

    protected override TimeSpan Interval => purge.Interval;

    protected override string Name => typeof(TPurge).Name;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => purge.PurgeAsync(cancellationToken);
}
