namespace TeamsLearningBot.Drops;

/// <summary>The outcome of a change to a drop: the drop as it now stands (null: no such drop) and whether it changed.</summary>
public sealed record DropUpdate(Drop? Drop, bool Changed);
