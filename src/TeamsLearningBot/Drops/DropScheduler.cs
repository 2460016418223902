using Microsoft.Extensions.Options;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Looks for due drops every <see cref="DropOptions.SchedulerInterval"/> and hands them to the
/// <see cref="DueDropProcessor"/>. It waits on the <see cref="TimeProvider"/>, so tests drive it
/// with a fake clock. Safe to run in every instance: claims make each occurrence happen once; after
/// a storage outage nothing is lost, since the index keeps every due row.
/// </summary>
public sealed class DropScheduler(
    DueDropProcessor processor,
    IOptions<DropOptions> options,
    TimeProvider time,
    ILogger<DropScheduler> logger) : PeriodicPass(time, logger)
{
    protected override bool Enabled => options.Value.SchedulerEnabled;

    protected override TimeSpan Interval => options.Value.SchedulerInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => processor.RunOnceAsync(cancellationToken);
}
