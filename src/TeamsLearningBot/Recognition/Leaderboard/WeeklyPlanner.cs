using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>Plans a team's next weekly post: its due time in the settings and a row in the due index.</summary>
public sealed class WeeklyPlanner(ContributionStore store, IOptions<WeeklyRecognitionOptions> options, TimeProvider time)
{
    /// <summary>Plans the next post unless one is planned or the facilitators switched it off. Idempotent.</summary>
    public async Task EnsurePlannedAsync(string teamId, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        while (true)
        {
            var settings = await store.GetSettingsAsync(teamId, cancellationToken) ?? new RecognitionSettingsEntity { TeamId = teamId };
            if (settings.WeeklyOff || settings.NextWeeklyDueUtc is not null)
            {
                return;
            }

            var next = NextDue(time.GetUtcNow(), zone);

            // The due row goes in first: a plan is never saved without its row (a row without a plan is dropped when met).
            await store.AddDueAsync(teamId, next, cancellationToken);
            if (await store.TrySaveSettingsAsync(settings with { NextWeeklyDueUtc = next }, cancellationToken) is not null)
            {
                return;
            }
        }
    }

    public DateTimeOffset NextDue(DateTimeOffset after, TimeZoneInfo zone) =>
        WeeklySchedule.NextDue(after, zone, options.Value.Day, options.Value.LocalTime);
}
