namespace TeamsLearningBot.Events;

/// <summary>
/// Where an event happened, so a congratulation can be said there: the conversation (a channel
/// thread id <c>{channel};messageid={root}</c>, a channel, or a group chat) and its service URL.
/// </summary>
public sealed record EventPlace(string ServiceUrl, string ConversationId);
