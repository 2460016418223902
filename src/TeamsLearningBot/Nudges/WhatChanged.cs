namespace TeamsLearningBot.Nudges;

/// <summary>For a "we missed your voice" nudge: new items on the tags the person engaged with, and kudos they received, since they went quiet.</summary>
public sealed record WhatChanged(IReadOnlyList<string> NewItems, IReadOnlyList<string> Tags, int KudosReceived)
{
    public static WhatChanged Nothing { get; } = new([], [], 0);
}
