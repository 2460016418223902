using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;

namespace TeamsLearningBot.Insights;

/// <summary>
/// A learner's ledger in a team (row <c>u|{learner key}</c>): their <see cref="LedgerEntry"/> per
/// week, item and channel, the ideas they wrote (by reference), and the term counts they added to
/// the shared term rows, so that erasing them subtracts exactly what they added. Stored as JSON
/// across properties (a property holds 64 KB), each kind in blocks of four weeks so that a report
/// reads only its weeks': the entries in <c>E{week / 4}_0</c>… (each block with its own table of
/// channel ids, which entries name by position), the ideas in <c>D{week / 4}</c> (read only by the
/// report that lists them), and the term shares in <c>X0</c>… (only erasure reads them), with the
/// name they last used openly. Ten years of retention stay well within a row's 252 properties.
/// Rows written before the entries had blocks keep them in <c>L0</c>…, read as before.
/// </summary>
public sealed class LearnerLedger
{
    private const int MaxChunks = 30;
    private const int ChunksPerBlock = 3;
    private const int MaxIdeaChars = 30_000;
    private const int BlockWeeks = InsightsWeeks.BlockWeeks;
    private const string IdeasPrefix = "D";
    private const string EntriesPrefix = "E";
    private const string LegacyEntries = "L";
    private const string Outgrew = "A learner's insights ledger outgrew its row; retention keeps it smaller.";
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };
    private static readonly string[] Identity = ["LearnerKey", "Name", "UserId", .. Enumerable.Range(0, MaxChunks).Select(i => LegacyEntries + i)];

    /// <summary>
    /// The property names a report on the entries of weeks <paramref name="firstWeek"/>…<paramref name="lastWeek"/>
    /// reads (participation, relevance, experts): those weeks' entries, no ideas, no term shares.
    /// </summary>
    public static string[] ReportColumns(int firstWeek, int lastWeek) =>
        [.. Identity, .. Blocks(firstWeek, lastWeek).SelectMany(b => Enumerable.Range(0, ChunksPerBlock).Select(i => EntriesColumn(b) + i))];

    /// <summary><see cref="ReportColumns"/> and the ideas of weeks <paramref name="ideasFrom"/>…<paramref name="ideasTo"/>, for the report that lists them.</summary>
    public static string[] ReportColumnsWithIdeas(int firstWeek, int lastWeek, int ideasFrom, int ideasTo) =>
        [.. ReportColumns(firstWeek, lastWeek), .. Blocks(ideasFrom, ideasTo).Select(IdeasColumn)];

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

    /// <summary>Weekly term key (<see cref="TermRows.Key"/>: scope, tag, week, shard) → term → count the learner added there (kept apart: reports do not read it).</summary>
    [JsonIgnore]
    public Dictionary<string, Dictionary<string, int>> Terms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Weekly term key → references of the learner's reflections counted there (quote candidates, and how many documents they added).</summary>
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

        var ledger = Read<LearnerLedger>(row, LegacyEntries) ?? new LearnerLedger();

        // A row written before the ideas had properties of their own keeps them with the entries.
        ledger.Ideas = ledger.EarlierIdeas ?? [];
        ledger.EarlierIdeas = null;
        var blocks = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in row)
        {
            if (IsBlock(name, IdeasPrefix) && value is string json)
            {
                ledger.Ideas.AddRange(JsonSerializer.Deserialize<List<LedgerIdea>>(json, Json) ?? []);
            }
            else if (IsBlock(name, EntriesPrefix) && name.IndexOf('_', StringComparison.Ordinal) is > 0 and var end)
            {
                blocks.Add(name[..(end + 1)]);
            }
        }

        foreach (var block in blocks)
        {
            if (Read<EntryBlock>(row, block) is { } read)
            {
                ledger.Entries.AddRange(read.Entries.Select(e => read.Named(e)));
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

        foreach (var block in Entries.GroupBy(e => e.Week / BlockWeeks))
        {
            ChunkedText.Write(row, EntriesColumn(block.Key), JsonSerializer.Serialize(EntryBlock.Of(block), Json), ChunksPerBlock, Outgrew);
        }

        foreach (var block in Ideas.GroupBy(i => i.Week / BlockWeeks))
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

    private static string EntriesColumn(int block) => EntriesPrefix + InsightsWeeks.Key(block) + "_";

    private static bool IsBlock(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length && char.IsAsciiDigit(name[prefix.Length]);

    private static IEnumerable<int> Blocks(int firstWeek, int lastWeek) =>
        Enumerable.Range(firstWeek / BlockWeeks, Math.Max(0, (lastWeek / BlockWeeks) - (firstWeek / BlockWeeks) + 1));

    private static T? Read<T>(TableEntity row, string prefix)
        where T : class =>
        ChunkedText.Read(row, prefix, MaxChunks) is { } json ? JsonSerializer.Deserialize<T>(json, Json) : null;

    private static void Write(TableEntity row, string prefix, string json) => ChunkedText.Write(row, prefix, json, MaxChunks, Outgrew);

    /// <summary>Four weeks of entries, each naming its channel by position in <see cref="Channels"/> (a channel id is most of an entry's length).</summary>
    private sealed class EntryBlock
    {
        [JsonPropertyName("c")]
        public List<string> Channels { get; set; } = [];

        [JsonPropertyName("e")]
        public List<LedgerEntry> Entries { get; set; } = [];

        public static EntryBlock Of(IEnumerable<LedgerEntry> entries)
        {
            var block = new EntryBlock();
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var e in entries)
            {
                if (!positions.TryGetValue(e.Channel, out var position))
                {
                    position = positions[e.Channel] = block.Channels.Count;
                    block.Channels.Add(e.Channel);
                }

                block.Entries.Add(e.WithChannel(position.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return block;
        }

        public LedgerEntry Named(LedgerEntry entry) =>
            int.TryParse(entry.Channel, System.Globalization.CultureInfo.InvariantCulture, out var position) && position >= 0 && position < Channels.Count
                ? entry.WithChannel(Channels[position])
                : entry;
    }

    private sealed class Shares
    {
        [JsonPropertyName("t")]
        public Dictionary<string, Dictionary<string, int>> Terms { get; set; } = new(StringComparer.Ordinal);

        [JsonPropertyName("q")]
        public Dictionary<string, List<ReflectionRef>> Quotes { get; set; } = new(StringComparer.Ordinal);
    }
}
