using TeamsLearningBot.Commands;
using TeamsLearningBot.Learners;

namespace TeamsLearningBot.Nudges;

/// <summary><c>stop nudges</c>: no more nudges for the person, in any team, until <c>start nudges</c>.</summary>
public sealed class StopNudgesCommand(NudgeStore store, LearnerKeys keys) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (keys.KeyOf(context.Activity) is not { } learnerKey)
        {
            return;
        }

        await NudgeActionHandler.StopAsync(store, learnerKey, cancellationToken);
        await context.Turn.ReplyAsync(NudgeCard.StopMessage + " Type `start nudges` if you want them back.", cancellationToken);
    }
}
