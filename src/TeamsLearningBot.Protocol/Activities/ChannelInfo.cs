namespace TeamsLearningBot.Protocol.Activities;

public sealed record ChannelInfo
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Type { get; init; }
}
