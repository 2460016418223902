namespace TeamsLearningBot.Tests.EndToEnd;

/// <summary>The Playground's answer to a user message; a new channel post also gets its thread's conversation id.</summary>
internal sealed record SentMessage(string MessageId, string? PostConversationId);
