namespace TeamsLearningBot.Protocol.Connector;

/// <summary>
/// The answer to create-conversation. For a new channel thread <see cref="Id"/> is
/// <c>{channel};messageid={ActivityId}</c>.
/// </summary>
public sealed record ConversationResourceResponse
{
    public string? Id { get; init; }

    public string? ActivityId { get; init; }

    public string? ServiceUrl { get; init; }
}
