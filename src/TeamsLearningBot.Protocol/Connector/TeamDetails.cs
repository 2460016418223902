namespace TeamsLearningBot.Protocol.Connector;

public sealed record TeamDetails
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadGroupId { get; init; }

    public int? ChannelCount { get; init; }

    public int? MemberCount { get; init; }

    public string? Type { get; init; }
}
