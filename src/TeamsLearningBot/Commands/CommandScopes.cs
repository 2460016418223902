namespace TeamsLearningBot.Commands;

/// <summary>Where a command can be used, matching the Teams manifest's bot scopes.</summary>
[Flags]
public enum CommandScopes
{
    Personal = 1,
    Team = 2,
    GroupChat = 4,
    All = Personal | Team | GroupChat,
}
