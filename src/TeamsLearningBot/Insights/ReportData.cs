using TeamsLearningBot.Content;

namespace TeamsLearningBot.Insights;

/// <summary>What a report reads once: the ledgers, the posted cards of its weeks, the library, and the channels known to be private or shared.</summary>
internal sealed record ReportData(
    IReadOnlyList<LearnerLedger> Ledgers,
    IReadOnlyList<PostedCard> Posts,
    IReadOnlyDictionary<int, ContentItem> Items,
    IReadOnlySet<string> PrivateChannels);
