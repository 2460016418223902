using Azure.Data.Tables;

namespace TeamsLearningBot.Insights;

/// <summary>The term rows a report reads, started before the ledgers are in: the period's (with quote candidates) and the previous period's (counts only).</summary>
internal sealed record TermRowsRead(Task<List<TableEntity>> Current, Task<List<TableEntity>> Previous);
