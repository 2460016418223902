using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Content;

/// <summary><c>content starter</c>: loads the starter pack; items whose link is already there are skipped.</summary>
public sealed class ContentStarterCommand(ContentLibrary library) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await library.LoadStarterPackAsync(context.Turn, context.Activity.TeamId!, cancellationToken);
    }
}
