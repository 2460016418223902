namespace TeamsLearningBot.Protocol.Activities;

public sealed record NotificationInfo
{
    public bool? Alert { get; init; }
}
