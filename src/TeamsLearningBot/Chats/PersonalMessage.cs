namespace TeamsLearningBot.Chats;

/// <summary>A 1:1 message the bot sent, with what it takes to update it later.</summary>
public sealed record PersonalMessage(string ServiceUrl, string ConversationId, string ActivityId);
