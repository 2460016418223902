using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Events;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// The nudges' <see cref="ILearnerEventSink"/>: a contribution after a nudge is its answer. It
/// resets the unanswered run (so the automatic stop counts only nudges in a row with no reaction)
/// and, when it comes within <see cref="NudgeOptions.AnsweredWithinDays"/> in the nudge's team,
/// marks the nudge answered in the team's log for <c>nudges</c>. Both writes are idempotent, so a
/// repeated event changes nothing.
/// <para>
/// Most contributors were never nudged, so a learner found with no state is remembered as such for
/// a few minutes: their next contributions cost no read. That is safe because a contribution keeps
/// its author out of the "Not yet" tier (and a rating out of that week's nudges), so nobody is
/// nudged about the team they just contributed in; this instance forgets the entry when it sends a
/// nudge itself. What is left — a nudge from another instance about another team, answered within
/// those minutes on this one — goes uncounted, and the automatic stop counts one more.
/// </para>
/// </summary>
public sealed class NudgeAnswerRecorder(NudgeStore store, IOptions<NudgeOptions> options) : ILearnerEventSink, IDisposable
{
    private const int MaxRemembered = 50_000;
    private static readonly TimeSpan RememberNone = TimeSpan.FromMinutes(5);
    private readonly MemoryCache neverNudged = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    public async Task RecordAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        if (!IsContribution(learnerEvent.Kind) || learnerEvent.LearnerKey.Length == 0 || learnerEvent.Delta < 0)
        {
            return;
        }

        await AnswerAsync(learnerEvent.LearnerKey, learnerEvent.TeamId, learnerEvent.At, cancellationToken);
    }

    async Task ILearnerEventSink.RecordAsync(IReadOnlyList<LearnerEvent> learnerEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvents);

        // A reflection and its rating arrive together: one answer.
        foreach (var group in learnerEvents.Where(e => IsContribution(e.Kind) && e.LearnerKey.Length > 0 && e.Delta > 0).GroupBy(e => (e.LearnerKey, e.TeamId)))
        {
            await AnswerAsync(group.Key.LearnerKey, group.Key.TeamId, group.Min(e => e.At), cancellationToken);
        }
    }

    /// <summary>The learner reacted at <paramref name="at"/> in <paramref name="teamId"/> (also a "Not now" from the nudge itself).</summary>
    public async Task AnswerAsync(string learnerKey, string teamId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (neverNudged.TryGetValue(learnerKey, out _))
        {
            return;
        }

        var state = await store.GetStateAsync(learnerKey, cancellationToken);
        if (state is not { LastNudgeAt: { } nudgedAt })
        {
            neverNudged.Set(learnerKey, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = RememberNone });
            return;
        }

        if (state.LastAnswered || at < nudgedAt)
        {
            return;
        }

        if (state.LastNudgeTeamId == teamId && state.LastNudgeLogRow is { } logRow && at <= nudgedAt.AddDays(options.Value.AnsweredWithinDays))
        {
            // The log first: should the state write not follow, the event comes again and finds it unanswered still.
            await store.MarkAnsweredAsync(teamId, logRow, at, cancellationToken);
        }

        await store.ChangeStateAsync(learnerKey, s =>
        {
            if (s.LastAnswered || s.LastNudgeAt != nudgedAt)
            {
                return false;
            }

            s.LastAnswered = true;
            s.Unanswered = 0;
            return true;
        }, cancellationToken);
    }

    /// <summary>This instance is about to nudge the learner: their next contribution is looked at.</summary>
    public void Nudging(string learnerKey) => neverNudged.Remove(learnerKey);

    public void Dispose() => neverNudged.Dispose();

    private static bool IsContribution(LearnerEventKind kind) => kind is
        LearnerEventKind.Reflected or LearnerEventKind.Rated or LearnerEventKind.RatingChanged or LearnerEventKind.KudosGiven or LearnerEventKind.SuggestionApproved;
}
