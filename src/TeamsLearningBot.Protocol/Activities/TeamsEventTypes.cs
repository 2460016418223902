namespace TeamsLearningBot.Protocol.Activities;

/// <summary>Values of <c>channelData.eventType</c> that Teams sends.</summary>
public static class TeamsEventTypes
{
    public const string TeamMemberAdded = "teamMemberAdded";
    public const string TeamMemberRemoved = "teamMemberRemoved";
    public const string ChannelCreated = "channelCreated";
    public const string ChannelDeleted = "channelDeleted";
    public const string ChannelRenamed = "channelRenamed";
    public const string ChannelRestored = "channelRestored";
    public const string TeamArchived = "teamArchived";
    public const string TeamDeleted = "teamDeleted";
    public const string TeamHardDeleted = "teamHardDeleted";
    public const string TeamRenamed = "teamRenamed";
    public const string TeamRestored = "teamRestored";
    public const string TeamUnarchived = "teamUnarchived";
    public const string EditMessage = "editMessage";
    public const string UndeleteMessage = "undeleteMessage";
    public const string SoftDeleteMessage = "softDeleteMessage";
}
