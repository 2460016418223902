using Microsoft.Extensions.Options;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Looks for due weekly recognition posts every <see cref="WeeklyRecognitionOptions.SchedulerInterval"/>.
/// It waits on the <see cref="TimeProvider"/>, so tests drive it with a fake clock. Safe to run in
/// every instance: claims make each week's post happen once, and the due index keeps every post
/// through a storage outage.
/// </summary>
public sealed class WeeklyRecognitionScheduler(
    WeeklyRecognitionProcessor processor,
    IOptions<WeeklyRecognitionOptions> options,
    TimeProvider time,
    ILogger<WeeklyRecognitionScheduler> logger) : PeriodicPass(time, logger)
{
    protected override bool Enabled => options.Value.SchedulerEnabled;

    protected override TimeSpan Interval => options.Value.SchedulerInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => processor.RunOnceAsync(cancellationToken);
}
