namespace TeamsLearningBot.Protocol.Activities;

public sealed record TenantInfo
{
    public string? Id { get; init; }
}
