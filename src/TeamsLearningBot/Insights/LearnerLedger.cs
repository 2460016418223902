using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;

namespace TeamsLearningBot.Insights;

/// <summary>
/// A learner's ledger in a team (row <c>u|{learner key}</c>): their <see cref="LedgerEntry"/> per
/// week, item and channel, the ideas they wrote (by reference), and the term counts they added to
/// the shared term rows, so that erasing them subtracts exactly what they added. Stored as JSON
/// across properties (a property holds 64 KB): the entries in <c>L0</c>…, the ideas one property
/// per four weeks (<c>D{week / 4}</c>: a report reads only its period's, and only the report that
/// lists ideas; ten years of retention stay well within a row's 252 properties) and the term
/// shares in <c>X0</c>… (only erasure reads them), with the name they last used openly.
/// </summary>
public sealed class LearnerLedger
{
    private const int MaxChunks = 30;
    private const int MaxIdeaChars = 30_000;
    private const int IdeaWeeks = 4;
    private const string IdeasPrefix = "D";
    private const string Outgrew = "A learner's insights ledger outgrew its row; retention keeps it smaller.";
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    /// <summary>The property names a report on the entries reads (participation, relevance, experts): no ideas, no term shares.</summary>
    public static readonly string[] ReportColumns = ["LearnerKey", "Name", "UserId", .. Enumerable.Range(0, MaxChunks).Select(i => "L" + i)];

    /// <summary><see cref="ReportColumns"/> and the ideas of weeks <paramref name="firstWeek"/>…<paramref name="lastWeek"/>, for the report that lists them.</summary>
    public static string[] ReportColumnsWithIdeas(int firstWeek, int lastWeek) =>
        [.. ReportColumns, .. Enumerable.Range(firstWeek / IdeaWeeks, Math.Max(0, (lastWeek / IdeaWeeks) - (firstWeek / IdeaWeeks) + 1)).Select(IdeasColumn)];

    [JsonIgnore]
    public string LearnerKey { get; set; } = string.Empty;

    /// <summary>The name from the learner's last named contribution; null while they only contributed anonymously.</summary>
    [JsonIgnore]
    public string? Name { get; set; }

    [JsonIgnore]
    public string? UserId { get; set; }

    [JsonPropertyName("e")]
    public List<LedgerEntry> Entries { get; set; } = [];

    [JsonIgnore]
    public List<LedgerIdea> Ideas { get; set; } = [];

    /// <summary>Term row key → term → count the learner added there (kept apart: reports do not read it).</summary>
    [JsonIgnore]
    public Dictionary<string, Dictionary<string, int>> Terms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Term row key → references the learner's reflections left there as quote candidates.</summary>
    [JsonIgnore]
    public Dictionary<string, List<ReflectionRef>> Quotes { get; set; } = new(StringComparer.Ordinal);

    public LedgerEntry EntryFor(int week, int item, string channel, bool isPrivate)
    {
        var entry = Entries.FirstOrDefault(e => e.Week == week && e.Item == item && e.Channel == channel);
        if (entry is null)
        {
            entry = new LedgerEntry { Week = week, Item = item, Channel = channel, Private = isPrivate };
            Entries.Add(entry);
        }

        entry.Private |= isPrivate;
        return entry;
    }

    public static LearnerLedger FromRow(TableEntity? row)
    {
        if (row is null)
        {
            return new LearnerLedger();
        }

        var ledger = Read<LearnerLedger>(row, "L") ?? new LearnerLedger();

        // A row written before the ideas had properties of their own keeps them with the entries.
        ledger.Ideas = ledger.EarlierIdeas ?? [];
        ledger.EarlierIdeas = null;
        foreach (var (name, value) in row)
        {
            if (name.StartsWith(IdeasPrefix, StringComparison.Ordinal) && name.Length > IdeasPrefix.Length && char.IsAsciiDigit(name[IdeasPrefix.Length]) && value is string json)
            {
                ledger.Ideas.AddRange(JsonSerializer.Deserialize<List<LedgerIdea>>(json, Json) ?? []);
            }
        }

        ledger.LearnerKey = row.GetString("LearnerKey") ?? string.Empty;
        ledger.Name = row.GetString("Name");
        ledger.UserId = row.GetString("UserId");
        var shares = Read<Shares>(row, "X");
        ledger.Terms = shares?.Terms ?? new(StringComparer.Ordinal);
        ledger.Quotes = shares?.Quotes ?? new(StringComparer.Ordinal);
        return ledger;
    }

    public TableEntity ToRow()
    {
        var row = new TableEntity { ["LearnerKey"] = LearnerKey };
        if (Name is not null)
        {
            row["Name"] = Name;
        }

        if (UserId is not null)
        {
            row["UserId"] = UserId;
        }

        Write(row, "L", JsonSerializer.Serialize(this, Json));
        foreach (var block in Ideas.GroupBy(i => i.Week / IdeaWeeks))
        {
            // Ideas are examples, not counts: four weeks with more than a property holds keep their newest.
            var ideas = block.ToList();
            var json = JsonSerializer.Serialize(ideas, Json);
            while (json.Length > MaxIdeaChars && ideas.Count > 1)
            {
                ideas.RemoveRange(0, Math.Max(1, ideas.Count / 10));
                json = JsonSerializer.Serialize(ideas, Json);
            }

            row[IdeasColumn(block.Key)] = json;
        }

        if (Terms.Count > 0 || Quotes.Count > 0)
        {
            Write(row, "X", JsonSerializer.Serialize(new Shares { Terms = Terms, Quotes = Quotes }, Json));
        }

        return row;
    }

    [JsonPropertyName("d")]
    [JsonInclude]
    private List<LedgerIdea>? EarlierIdeas { get; set; }

    private static string IdeasColumn(int block) => IdeasPrefix + InsightsWeeks.Key(block);

    private static T? Read<T>(TableEntity row, string prefix)
        where T : class =>
        ChunkedText.Read(row, prefix, MaxChunks) is { } json ? JsonSerializer.Deserialize<T>(json, Json) : null;

    private static void Write(TableEntity row, string prefix, string json) => ChunkedText.Write(row, prefix, json, MaxChunks, Outgrew);

    private sealed class Shares
    {
        [JsonPropertyName("t")]
        public Dictionary<string, Dictionary<string, int>> Terms { get; set; } = new(StringComparer.Ordinal);

        [JsonPropertyName("q")]
        public Dictionary<string, List<ReflectionRef>> Quotes { get; set; } = new(StringComparer.Ordinal);
    }
}
