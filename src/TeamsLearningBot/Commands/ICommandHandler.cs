namespace TeamsLearningBot.Commands;

public interface ICommandHandler
{
    Task HandleAsync(CommandContext context, CancellationToken cancellationToken);
}
