using System.Text.Json;

namespace TeamsLearningBot.Testing;

/// <summary>A thread the <see cref="FakeConnector"/> created in a channel: its conversation id (channel plus root post) and the body posted.</summary>
public sealed record FakeThread(string ChannelId, string ConversationId, string RootActivityId, JsonElement? Body);
