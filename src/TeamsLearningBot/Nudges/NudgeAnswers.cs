using Microsoft.Extensions.Options;
using TeamsLearningBot.Events;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// The nudges' <see cref="ILearnerEventSink"/>: a contribution after a nudge is its answer. It
/// resets the unanswered run (so the automatic stop counts only nudges in a row with no reaction)
/// and, when it comes within <see cref="NudgeOptions.AnsweredWithinDays"/> in the nudge's team,
/// marks the nudge answered in the team's log for <c>nudges</c>. One point read for a learner never
/// nudged; both writes are idempotent, so a repeated event changes nothing.
/// </summary>
public sealed class NudgeAnswers(NudgeStore store, IOptions<NudgeOptions> options) : ILearnerEventSink
{
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
        var state = await store.GetStateAsync(learnerKey, cancellationToken);
        if (state is not { LastNudgeAt: { } nudgedAt } || state.LastAnswered || at < nudgedAt)
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

    private static bool IsContribution(LearnerEventKind kind) => kind is
        LearnerEventKind.Reflected or LearnerEventKind.Rated or LearnerEventKind.RatingChanged or LearnerEventKind.KudosGiven or LearnerEventKind.SuggestionApproved;
}
