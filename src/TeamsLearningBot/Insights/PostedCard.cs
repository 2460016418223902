namespace TeamsLearningBot.Insights;

/// <summary>A card posted in a week (a post note), for the weeks with a drop and the posts per item.</summary>
internal sealed record PostedCard(int Week, string ChannelId, int Item);
