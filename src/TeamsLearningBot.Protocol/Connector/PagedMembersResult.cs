namespace TeamsLearningBot.Protocol.Connector;

/// <summary>One page of members; <see cref="ContinuationToken"/> is absent on the last page.</summary>
public sealed record PagedMembersResult
{
    public string? ContinuationToken { get; init; }

    public IReadOnlyList<TeamsChannelAccount> Members { get; init; } = [];
}
