using TeamsLearningBot.Commands;
using TeamsLearningBot.Learners;

namespace TeamsLearningBot.Insights;

/// <summary>
/// <c>hide me from experts</c> / <c>show me in experts</c>, for anyone: stored once per person
/// (every team, every instance), read fresh by each <c>experts</c> report.
/// </summary>
public sealed class ExpertsVisibilityCommand(InsightsStore store, LearnerKeys keys, TimeProvider time) : ICommandHandler
{
    public const string Hide = "hide me from experts";
    public const string Show = "show me in experts";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (keys.KeyOf(context.Activity) is not { } key)
        {
            return;
        }

        var hide = context.Command.Name == Hide;
        await store.SetHiddenAsync(key, hide, time.GetUtcNow(), cancellationToken);
        await context.Turn.ReplyAsync(
            hide
                ? "Done: facilitators won't see you in `experts` lists, in any team. Your contributions still count, unnamed. Change your mind with `show me in experts`."
                : "Done: you can appear in `experts` lists again when your contributions on a tag stand out. Leave them with `hide me from experts`.",
            cancellationToken);
    }
}
