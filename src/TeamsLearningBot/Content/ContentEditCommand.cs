using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Content;

/// <summary><c>content edit C12</c>: the form, filled in; saving it replaces the item's fields.</summary>
public sealed class ContentEditCommand(ContentLibrary library) : ICommandHandler
{
    public const string Usage = "content edit C12";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await ContentArguments.ItemIdAsync(context, Usage, cancellationToken) is { } number)
        {
            await library.SendEditFormAsync(context.Turn, context.Activity.TeamId!, number, cancellationToken);
        }
    }
}
