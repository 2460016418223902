namespace TeamsLearningBot.Drops;

/// <summary>A parsed <c>drop C12 now [in #channel]</c>; no channels means the one it was typed in.</summary>
public sealed record DropNowRequest(int ContentNumber, IReadOnlyList<ChannelReference> Channels, bool Anonymous);
