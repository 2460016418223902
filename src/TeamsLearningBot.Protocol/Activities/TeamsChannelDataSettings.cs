namespace TeamsLearningBot.Protocol.Activities;

public sealed record TeamsChannelDataSettings
{
    public ChannelInfo? SelectedChannel { get; init; }
}
