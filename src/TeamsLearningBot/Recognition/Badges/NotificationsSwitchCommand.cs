using TeamsLearningBot.Commands;
using TeamsLearningBot.Learners;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// <c>stop notifications</c> and <c>start notifications</c>: whether new badges are announced to the
/// learner in a private message, in every team.
/// </summary>
public sealed class NotificationsSwitchCommand(BadgeLearnerStore store, LearnerKeys learners) : ICommandHandler
{
    public const string Stop = "stop notifications";
    public const string Start = "start notifications";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (learners.KeyOf(context.Activity) is not { } learnerKey)
        {
            return;
        }

        var off = context.Command.Name == Stop;
        await store.SetNotificationsOffAsync(learnerKey, off, cancellationToken);
        await context.Turn.ReplyAsync(
            off
                ? "Done — I won't message you privately about your badges any more, in any team. You still earn them (`my badges` shows them), and a congratulation may still appear where you earned one. `start notifications` turns my messages back on."
                : "Done — I'll message you privately when you earn a badge. `stop notifications` turns that off again.",
            cancellationToken);
    }
}
