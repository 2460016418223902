using TeamsLearningBot.Commands;
using TeamsLearningBot.Learners;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary><c>start notifications</c>: private messages about new badges again.</summary>
public sealed class StartNotificationsCommand(BadgeLearnerStore store, LearnerKeys learners) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (learners.KeyOf(context.Activity) is not { } learnerKey)
        {
            return;
        }

        await store.SetNotificationsOffAsync(learnerKey, off: false, cancellationToken);
        await context.Turn.ReplyAsync("Done — I'll message you privately when you earn a badge. `stop notifications` turns that off again.", cancellationToken);
    }
}
