namespace TeamsLearningBot.Protocol.Routing;

/// <summary>
/// Handles the activities one route selects. Return an <see cref="InvokeResponse"/> for invokes;
/// for other activities the return value is ignored.
/// </summary>
public interface IActivityHandler
{
    Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>The HTTP status and JSON body that answer an invoke activity.</summary>
public sealed record InvokeResponse(int Status, object? Body = null)
{
    public static InvokeResponse Ok(object? body = null) => new(200, body);
}
