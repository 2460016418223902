using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Content;

/// <summary><c>content archive C12</c>: kept on record, no longer listed or offered.</summary>
public sealed class ContentArchiveCommand(ContentLibrary library) : ICommandHandler
{
    public const string Usage = "content archive C12";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await ContentArguments.ItemIdAsync(context, Usage, cancellationToken) is { } number)
        {
            await library.ArchiveAsync(context.Turn, context.Activity.TeamId!, number, cancellationToken);
        }
    }
}
