namespace TeamsLearningBot.Testing;

/// <summary>A channel of the <see cref="FakeConnector"/>'s team besides General.</summary>
public sealed record FakeChannel(string Id, string Name);
