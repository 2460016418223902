using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// The last resort for notifications: every <see cref="BadgeOptions.SweepInterval"/> it finishes
/// awards left in the <see cref="BadgeOutbox"/> by a worker that died, when no redelivery and no
/// later event of the learner came to finish them. It takes only awards whose lease ran out, so it
/// never races a live worker; a row whose award never committed is dropped. An anonymous award
/// keeps no identity, so its private message waits for the learner's next event.
/// </summary>
public sealed partial class BadgeNotificationSweeper(
    BadgeOutbox outbox,
    BadgeLedger ledger,
    BadgeNotifier notifier,
    IOptionsMonitor<BadgeOptions> options,
    TimeProvider time,
    ILogger<BadgeNotificationSweeper> logger) : BackgroundService
{
    private const int RowsPerSweep = 100;

    // A row whose award is missing this long after it was noted belongs to a transaction that never committed.
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(10);

    /// <summary>One pass over the outbox; returns how many awards it settled.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settled = 0;
        var now = time.GetUtcNow();
        foreach (var (partition, row, notedAt) in await outbox.ListAsync(RowsPerSweep, cancellationToken))
        {
            var award = await ledger.GetAwardAsync(partition, row, cancellationToken);
            if (award is null)
            {
                // Noted just before its transaction: give that transaction time to land before calling it lost.
                if (notedAt is null || notedAt < now - Abandoned)
                {
                    await outbox.RemoveAsync(partition, row, cancellationToken);
                }

                continue;
            }

            if (!award.Done)
            {
                await notifier.FinishAsync(null, [award], Guid.NewGuid().ToString("N"), cancellationToken);
                award = await ledger.GetAwardAsync(partition, row, cancellationToken) ?? award;
            }

            if (award.Done || (award.Anonymous && award.Congratulated))
            {
                await outbox.RemoveAsync(partition, row, cancellationToken);
                settled++;
            }
        }

        return settled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.SweeperEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.SweepInterval, time, stoppingToken);
                var settled = await SweepAsync(stoppingToken);
                if (settled > 0)
                {
                    LogSettled(logger, settled);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or InvalidOperationException)
            {
                // Storage or Teams is down: the rows wait for the next pass.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Badge outbox: settled {Count} awards left behind")]
    private static partial void LogSettled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Badge outbox: a pass failed; the next one tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
