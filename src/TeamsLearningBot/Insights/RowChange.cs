using Azure.Data.Tables;

namespace TeamsLearningBot.Insights;

/// <summary>A change to one row of a partition: from the row as it stands (null when absent) to the row to write (null: leave or delete it).</summary>
public sealed record RowChange(string RowKey, Func<TableEntity?, TableEntity?> Apply)
{
    /// <summary>Written whatever stands (an idempotent note): not read first, not conditional.</summary>
    public bool Upsert { get; init; }

    /// <summary>
    /// Usually absent unless this instance wrote it (a term row of the week): added without being
    /// read first when it is not remembered; read only once an add meets a row.
    /// </summary>
    public bool LikelyNew { get; init; }
}
