using TeamsLearningBot.Commands;
using TeamsLearningBot.Learners;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// <c>start nudges</c>: nudges again, after <c>stop nudges</c>, "Stop these", "Not now" or the
/// automatic stop; the unanswered run starts afresh, and someone who writes to the bot is reachable.
/// </summary>
public sealed class StartNudgesCommand(NudgeStore store, LearnerKeys keys) : ICommandHandler
{
    public const string Started = "Nudges are on again: at most one a week, in your working hours, after a drop you haven't had a chance to answer. Type `stop nudges` to stop them.";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (keys.KeyOf(context.Activity) is not { } learnerKey)
        {
            return;
        }

        await store.ChangeStateAsync(learnerKey, s =>
        {
            s.Stopped = false;
            s.AutoStopped = false;
            s.SnoozedUntil = null;
            s.UnreachableAt = null;
            s.Unanswered = 0;
            s.LastAnswered = true;
            return true;
        }, cancellationToken);
        await context.Turn.ReplyAsync(Started, cancellationToken);
    }
}
