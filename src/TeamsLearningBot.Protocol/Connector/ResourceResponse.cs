namespace TeamsLearningBot.Protocol.Connector;

/// <summary>The Connector's answer to a send: the id of the created activity.</summary>
public sealed record ResourceResponse
{
    public string? Id { get; init; }
}
