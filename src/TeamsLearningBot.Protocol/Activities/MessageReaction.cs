namespace TeamsLearningBot.Protocol.Activities;

/// <summary>One reaction in <c>reactionsAdded</c> / <c>reactionsRemoved</c>, e.g. <c>like</c> or <c>heart</c>.</summary>
public sealed record MessageReaction
{
    public required string Type { get; init; }
}
