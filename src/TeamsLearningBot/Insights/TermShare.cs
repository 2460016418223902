namespace TeamsLearningBot.Insights;

/// <summary>
/// One reflection's distinct terms for one term row, with its reference as a quote candidate (none
/// when the text has no place to be read again). <see cref="WeekKey"/> names the scope, tag, week
/// and shard (the ledger keeps the share under it); the counts go to the block row, <see cref="RowKey"/>.
/// </summary>
public sealed record TermShare(string WeekKey, int Week, IReadOnlyList<string> Terms, ReflectionRef? Ref)
{
    public string RowKey => TermRows.BlockKeyOf(WeekKey);
}
