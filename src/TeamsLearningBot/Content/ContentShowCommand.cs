using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Content;

/// <summary><c>content show C12</c>: every field of an item, archived ones included.</summary>
public sealed class ContentShowCommand(ContentLibrary library) : ICommandHandler
{
    public const string Usage = "content show C12";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await ContentArguments.ItemIdAsync(context, Usage, cancellationToken) is { } number)
        {
            await library.ShowAsync(context.Turn, context.Activity.TeamId!, number, cancellationToken);
        }
    }
}
