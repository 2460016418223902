using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Content;

/// <summary><c>content list [tag] [page N]</c>: the library, newest first, a page at a time.</summary>
public sealed class ContentListCommand(ContentLibrary library) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (tag, page) = ContentArguments.TagAndPage(context.Arguments);
        await library.ListAsync(context.Turn, context.Activity.TeamId!, tag, page, cancellationToken);
    }
}
