using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Content;

/// <summary><c>content add</c>: on its own, the form; with arguments, the one-line form.</summary>
public sealed class ContentAddCommand(ContentLibrary library) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Arguments.Length == 0)
        {
            await library.SendAddFormAsync(context.Turn, cancellationToken);
            return;
        }

        if (!OneLineContentParser.TryParse(context.Arguments, out var input, out var error))
        {
            await context.Turn.ReplyAsync(ProblemCard.Build(error, usage: OneLineContentParser.Syntax + "  (or just \u201Ccontent add\u201D for a form)"), cancellationToken);
            return;
        }

        await library.AddAsync(context.Turn, context.Activity.TeamId!, input, fromForm: false, cancellationToken);
    }
}
