namespace TeamsLearningBot.Commands;

public sealed class HelpCommand(CommandCatalog catalog) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Turn.ReplyAsync(HelpCard.Build(catalog, context.Scope), cancellationToken);
    }
}
