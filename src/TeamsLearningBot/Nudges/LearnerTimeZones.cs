using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Caching.Memory;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// Keeps the time zone each learner's Teams client reports (the activity's <c>localTimezone</c>, or
/// the <c>clientInfo</c> entity's <c>timezone</c>), so nudges arrive in their own working hours. A
/// route beside the others on every message that costs the turn no storage: a zone that differs
/// from what this instance last wrote for the person is handed to a background writer, which
/// merges it into their nudge state. Best effort by design: a zone lost in a restart, or dropped
/// when the writer is far behind, is reported again with the person's next message.
/// </summary>
public sealed partial class LearnerTimeZones(NudgeStore store, LearnerKeys keys, ILogger<LearnerTimeZones> logger) : BackgroundService, IActivityHandler
{
    private const int MaxRemembered = 50_000;
    private const int MaxPending = 10_000;
    private static readonly TimeSpan Remember = TimeSpan.FromHours(6);
    private readonly MemoryCache written = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });
    private readonly Channel<(string LearnerKey, string Zone)> pending = Channel.CreateBounded<(string, string)>(
        new BoundedChannelOptions(MaxPending) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public static bool Selects(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);

        // Not on the confirmed forget me: what it would keep, the erasure deletes.
        return activity.Type == ActivityTypes.Message && ZoneOf(activity) is not null && !Privacy.ForgetMeHandler.Selects(activity);
    }

    public Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        if (ZoneOf(activity) is { } zone && keys.KeyOf(activity) is { } learnerKey
            && !(written.TryGetValue(learnerKey, out string? known) && known == zone))
        {
            pending.Writer.TryWrite((learnerKey, zone));
        }

        return Task.FromResult<InvokeResponse?>(null);
    }

    /// <summary>The zone the client reported, when it is one this platform knows.</summary>
    public static string? ZoneOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var reported = activity.LocalTimezone;
        if (string.IsNullOrWhiteSpace(reported))
        {
            reported = activity.Entities?
                .Where(e => e.Type == "clientInfo" && e.Extra is not null)
                .Select(e => e.Extra!.TryGetValue("timezone", out var tz) && tz.ValueKind == JsonValueKind.String ? tz.GetString() : null)
                .FirstOrDefault(tz => !string.IsNullOrWhiteSpace(tz));
        }

        return reported is { Length: <= 64 } && TimeZones.TryFind(reported, out _) ? reported : null;
    }

    /// <summary>Forgets what this instance remembered of a learner (after <c>forget me</c>).</summary>
    public void Forget(string learnerKey) => written.Remove(learnerKey);

    public override void Dispose()
    {
        written.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (learnerKey, zone) in pending.Reader.ReadAllAsync(stoppingToken))
            {
                if (written.TryGetValue(learnerKey, out string? known) && known == zone)
                {
                    continue;
                }

                try
                {
                    await store.SetTimeZoneAsync(learnerKey, zone, stoppingToken);
                    written.Set(learnerKey, zone, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Remember });
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is pending is reported again with the next messages.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store a learner's time zone; their next message reports it again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
