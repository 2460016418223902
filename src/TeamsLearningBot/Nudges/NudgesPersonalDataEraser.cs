using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// <c>forget me</c> for nudges: the learner's state (consent, counts, time zone), their nudge
/// records, and the rows those records put in each team's log. The log rows go first, found
/// through the records, so an erasure cut short is finished by the next one.
/// </summary>
public sealed class NudgesPersonalDataEraser(NudgeStore store, LearnerTimeZones zones) : IPersonalDataEraser
{
    public string Category => "Nudge settings and nudges";

    public async Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var rows = await store.LearnerRowsAsync(subject.LearnerKey, cancellationToken);
        foreach (var row in rows)
        {
            if (row.GetString(nameof(NudgeRecord.TeamId)) is { Length: > 0 } teamId && row.GetString(nameof(NudgeRecord.LogRow)) is { Length: > 0 } logRow)
            {
                await store.DeleteAsync(NudgeStore.TeamPartition(teamId), logRow, cancellationToken);
            }
        }

        foreach (var row in rows)
        {
            await store.DeleteAsync(row.PartitionKey, row.RowKey, cancellationToken);
        }

        zones.Forget(subject.LearnerKey);
        return rows.Count;
    }
}
