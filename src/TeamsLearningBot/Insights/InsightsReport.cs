namespace TeamsLearningBot.Insights;

/// <summary>
/// The answer to <c>insights</c>: plain records (they serialise to JSON as they are, for a web
/// view). <see cref="ChannelId"/> is set when the report is a private or shared channel's own.
/// </summary>
public sealed record InsightsReport(
    string TeamId,
    string? ChannelId,
    string? Tag,
    int? Item,
    DateOnly From,
    DateOnly To,
    int MinGroupSize,
    ParticipationReport Participation,
    RelevanceReport Relevance,
    BusinessReport Business);
