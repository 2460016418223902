using TeamsLearningBot.Commands;
using TeamsLearningBot.Learners;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary><c>stop notifications</c>: no more private messages about badges, in any team.</summary>
public sealed class StopNotificationsCommand(BadgeLearnerStore store, LearnerKeys learners) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (learners.KeyOf(context.Activity) is not { } learnerKey)
        {
            return;
        }

        await store.SetNotificationsOffAsync(learnerKey, off: true, cancellationToken);
        await context.Turn.ReplyAsync(
            "Done — I won't message you privately about your badges any more, in any team. You still earn them (`my badges` shows them), and a congratulation may still appear where you earned one. `start notifications` turns my messages back on.",
            cancellationToken);
    }
}
