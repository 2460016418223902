namespace TeamsLearningBot.Protocol.Routing;

/// <summary>The HTTP status and JSON body that answer an invoke activity.</summary>
public sealed record InvokeResponse(int Status, object? Body = null)
{
    public static InvokeResponse Ok(object? body = null) => new(200, body);
}
