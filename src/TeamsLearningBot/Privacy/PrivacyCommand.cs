using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Privacy;

public sealed class PrivacyCommand : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Turn.ReplyAsync(PrivacyCard.Build(), cancellationToken);
    }
}
