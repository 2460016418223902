using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// Keeps the time zone each learner's Teams client reports (the activity's <c>localTimezone</c>, or
/// the <c>clientInfo</c> entity's <c>timezone</c>), so nudges arrive in their own working hours. A
/// route beside the others on every message: it writes only when the zone differs from what this
/// instance last wrote for the person, so a conversation costs one small merge at most.
/// </summary>
public sealed class LearnerTimeZones(NudgeStore store, LearnerKeys keys) : IActivityHandler, IDisposable
{
    private const int MaxRemembered = 50_000;
    private static readonly TimeSpan Remember = TimeSpan.FromHours(6);
    private readonly MemoryCache seen = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    public static bool Selects(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // Not on the confirmed forget me: what it would keep, the erasure deletes.
        return activity.Type == ActivityTypes.Message && ZoneOf(activity) is not null && !Privacy.ForgetMeHandler.Selects(activity);
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        if (ZoneOf(activity) is not { } zone || keys.KeyOf(activity) is not { } learnerKey)
        {
            return null;
        }

        if (seen.TryGetValue(learnerKey, out string? known) && known == zone)
        {
            return null;
        }

        await store.SetTimeZoneAsync(learnerKey, zone, cancellationToken);
        seen.Set(learnerKey, zone, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Remember });
        return null;
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
    public void Forget(string learnerKey) => seen.Remove(learnerKey);

    public void Dispose() => seen.Dispose();
}
