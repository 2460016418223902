namespace TeamsLearningBot.Protocol.Routing;

/// <summary>
/// Handles the activities one route selects. Return an <see cref="InvokeResponse"/> for invokes;
/// for other activities the return value is ignored.
/// </summary>
public interface IActivityHandler
{
    Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken);
}
