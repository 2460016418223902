using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using TeamsLearningBot.Insights.Text;

namespace TeamsLearningBot.Insights;

/// <summary>
/// A term row (<see cref="TermRows"/>) of four weeks: for each week, in how many of its reflections
/// on the tag each term and phrase occurred (out of that week's documents), and for each term up
/// to <see cref="MaxQuotesPerTerm"/> reflections that used it, the newest weeks' (a later week's
/// takes the place of an earlier week's), as indices into <see cref="Refs"/> (quote candidates;
/// the text itself stays in the reflection's own row). A term
/// is written once per row with its four weekly counts, so a block is smaller than its four weeks
/// apart, and a report that covers part of a block still counts only its own weeks.
/// </summary>
/// <remarks>
/// A row stays within Table Storage's limits however busy its weeks: at most <see cref="MaxTerms"/>
/// terms (<see cref="TermBudget"/> keeps the most frequent, which are the ones that can rise) and
/// <see cref="MaxRefs"/> references, only those some term quotes; when they are full, an older
/// week's candidate gives way to a newer week's (reports quote the newest weeks first). A row of
/// the layout before blocks (one week: <c>Documents</c>, <c>T</c>, <c>Q</c>, <c>R</c>) is read into
/// its week of the block; it is only ever written back as a block row.
/// </remarks>
public sealed class TermCounts
{
    public const int MaxQuotesPerTerm = 3;
    public const int MaxTerms = 4_000;
    public const int MaxRefs = 400;
    private const int Weeks = InsightsWeeks.BlockWeeks;
    private const int TermChunks = 6;
    private const int ListChunks = 3;
    private const int LegacyChunks = 4;
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>The properties the counts are in (of both layouts), for reading a row without its quote candidates.</summary>
    public static readonly string[] CountColumns = ["RowKey", "Documents", "N", .. Enumerable.Range(0, TermChunks).Select(i => "T" + i)];

    private readonly int[] documents = new int[Weeks];
    private readonly Dictionary<string, int[]> counts = new(StringComparer.Ordinal);
    private readonly List<ReflectionRef?> refs = [];
    private readonly List<int> refWeeks = [];
    private readonly Dictionary<string, List<int>> quotes = new(StringComparer.Ordinal);

    private TermCounts(int block) => Block = block;

    /// <summary>week / 4 of the row's weeks.</summary>
    public int Block { get; }

    public int FirstWeek => Block * Weeks;

    /// <summary>The reflections counted, all weeks of the row.</summary>
    public int Documents => documents.Sum();

    /// <summary>The counts of all weeks of the row added up.</summary>
    public IReadOnlyDictionary<string, int> Terms => counts.ToDictionary(kv => kv.Key, kv => kv.Value.Sum(), StringComparer.Ordinal);

    public IReadOnlyList<ReflectionRef?> Refs => refs;

    /// <summary>Nothing counted is left: the row goes.</summary>
    public bool IsEmpty => counts.Count == 0 || documents.All(d => d == 0);

    public int DocumentsIn(int week) => Offset(week) is { } i ? documents[i] : 0;

    public IEnumerable<KeyValuePair<string, int>> TermsIn(int week) =>
        Offset(week) is { } i ? counts.Where(kv => kv.Value[i] > 0).Select(kv => KeyValuePair.Create(kv.Key, kv.Value[i])) : [];

    /// <summary>The reflections offered as quotes for <paramref name="term"/>, in every week of the row.</summary>
    public IEnumerable<ReflectionRef> QuotesFor(string term) =>
        quotes.TryGetValue(term, out var found) ? found.Select(i => refs[i]).OfType<ReflectionRef>() : [];

    /// <summary>The reflections of week <paramref name="week"/> offered as quotes for <paramref name="term"/>.</summary>
    public IEnumerable<ReflectionRef> QuotesFor(string term, int week) =>
        quotes.TryGetValue(term, out var found) && Offset(week) is { } offset
            ? found.Where(i => refWeeks[i] == offset).Select(i => refs[i]).OfType<ReflectionRef>()
            : [];

    /// <summary>A row of either layout; its key says which (and its weeks).</summary>
    public static TermCounts FromRow(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (TermRows.BlockOf(row.RowKey) is { } block)
        {
            return FromBlockRow(row, block);
        }

        var week = TermRows.WeekOf(row.RowKey);
        if (week == int.MaxValue)
        {
            throw new ArgumentException($"Not a term row: \"{row.RowKey}\".", nameof(row));
        }

        var counts = new TermCounts(InsightsWeeks.BlockOf(week));
        var offset = week - counts.FirstWeek;
        counts.documents[offset] = row.GetInt32("Documents") ?? 0;
        foreach (var (term, n) in TermBudget.Decode(ChunkedText.Read(row, "T", LegacyChunks)))
        {
            counts.CountsOf(term)[offset] = n;
        }

        var refs = ChunkedText.Read(row, "R", LegacyChunks) is { } json ? JsonSerializer.Deserialize<List<ReflectionRef?>>(json, Json) ?? [] : [];
        counts.refs.AddRange(refs);
        counts.refWeeks.AddRange(refs.Select(_ => offset));
        counts.ReadQuotes(ChunkedText.Read(row, "Q", LegacyChunks));
        return counts;
    }

    /// <summary>Adds reflections' terms (all of one block), and offers each as a quote for the terms that have fewer than three, or only older weeks' ones.</summary>
    public static TableEntity Add(TableEntity? row, IReadOnlyList<TermShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentOutOfRangeException.ThrowIfZero(shares.Count);
        var counts = row is null ? new TermCounts(InsightsWeeks.BlockOf(shares[0].Week)) : FromRow(row);
        foreach (var share in shares)
        {
            counts.Count(share);
        }

        return counts.ToRow();
    }

    /// <summary>An empty row of <paramref name="week"/>'s block.</summary>
    public static TermCounts Empty(int week) => new(InsightsWeeks.BlockOf(week));

    /// <summary>Adds the counts and candidates of a row of the same block (a weekly row moving into its block).</summary>
    public void Absorb(TermCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Block != Block)
        {
            throw new ArgumentException("A row of another block.", nameof(other));
        }

        for (var i = 0; i < Weeks; i++)
        {
            documents[i] += other.documents[i];
        }

        foreach (var (term, theirs) in other.counts)
        {
            var mine = CountsOf(term);
            for (var i = 0; i < Weeks; i++)
            {
                mine[i] += theirs[i];
            }
        }

        foreach (var (term, indices) in other.quotes)
        {
            foreach (var j in indices)
            {
                if (other.refs[j] is { } reference && Wants(term, other.refWeeks[j]) && Offer(reference, other.refWeeks[j]) is var index and >= 0)
                {
                    AddQuote(term, index);
                }
            }
        }
    }

    /// <summary>
    /// Takes a person's reflections of week <paramref name="week"/> back out (forget me): their term
    /// counts and their references; <paramref name="documentsAdded"/> is how many reflections they added.
    /// </summary>
    public void Subtract(int week, IReadOnlyDictionary<string, int>? terms, IReadOnlyList<ReflectionRef>? gone, int documentsAdded)
    {
        if (Offset(week) is not { } offset)
        {
            return;
        }

        foreach (var (term, n) in terms ?? new Dictionary<string, int>())
        {
            if (counts.TryGetValue(term, out var found))
            {
                found[offset] = Math.Max(0, found[offset] - n);
            }
        }

        var erased = (gone ?? []).ToHashSet();
        for (var i = 0; i < refs.Count; i++)
        {
            if (refs[i] is { } reference && erased.Contains(reference))
            {
                refs[i] = null;
            }
        }

        documents[offset] = Math.Max(0, documents[offset] - documentsAdded);
        if (documents[offset] == 0)
        {
            ClearWeek(offset);
        }

        Tidy();
    }

    /// <summary>Retention: the weeks before <paramref name="firstKept"/> leave the row.</summary>
    public void RemoveWeeksBefore(int firstKept)
    {
        for (var i = 0; i < Weeks && FirstWeek + i < firstKept; i++)
        {
            ClearWeek(i);
        }

        Tidy();
    }

    /// <summary>The row in the block layout, within its budget (the rarest terms and the oldest candidates give way first).</summary>
    public TableEntity ToRow()
    {
        var row = new TableEntity { ["N"] = string.Join(',', documents.Select(d => d.ToString(CultureInfo.InvariantCulture))) };
        var text = new StringBuilder();
        var kept = new List<string>();
        var totals = counts.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Sum()));
        foreach (var (term, _) in TermBudget.Keep(totals, MaxTerms, int.MaxValue))
        {
            var line = Line(term, counts[term]);
            if (text.Length + line.Length <= TermChunks * ChunkedText.ChunkChars)
            {
                text.Append(line);
                kept.Add(term);
            }
        }

        ChunkedText.Write(row, "T", text.ToString(), TermChunks, "A term row outgrew its budget.");

        // Only the references a kept term quotes are written, renumbered; the oldest weeks' give way when they do not fit.
        var used = kept.SelectMany(t => quotes.GetValueOrDefault(t) ?? []).Where(i => refs[i] is not null).Distinct().OrderBy(i => i).ToList();
        string refsJson;
        while ((refsJson = JsonSerializer.Serialize(used.Select(i => refs[i]), Json)).Length > ListChunks * ChunkedText.ChunkChars)
        {
            used.Remove(used.OrderBy(i => refWeeks[i]).First());
        }

        var position = used.Select((old, i) => (old, i)).ToDictionary(p => p.old, p => p.i);
        var quoteLines = new StringBuilder();
        foreach (var term in kept)
        {
            var indices = (quotes.GetValueOrDefault(term) ?? []).Where(position.ContainsKey).Select(i => position[i]).ToList();
            var line = indices.Count == 0 ? string.Empty : $"{term}\t{string.Join(',', indices.Select(i => i.ToString(CultureInfo.InvariantCulture)))}\n";
            if (quoteLines.Length + line.Length <= ListChunks * ChunkedText.ChunkChars)
            {
                quoteLines.Append(line);
            }
        }

        ChunkedText.Write(row, "Q", quoteLines.ToString(), ListChunks, "A term row's quote list outgrew its budget.");
        if (used.Count > 0)
        {
            ChunkedText.Write(row, "R", refsJson, ListChunks, "A term row's references outgrew their budget.");
            row["RW"] = string.Concat(used.Select(i => (char)('0' + refWeeks[i])));
        }

        return row;
    }

    private static TermCounts FromBlockRow(TableEntity row, int block)
    {
        var counts = new TermCounts(block);
        var weekly = (row.GetString("N") ?? string.Empty).Split(',');
        for (var i = 0; i < Math.Min(Weeks, weekly.Length); i++)
        {
            counts.documents[i] = int.TryParse(weekly[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }

        foreach (var line in (ChunkedText.Read(row, "T", TermChunks) ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0)
            {
                throw new FormatException($"Not a term counts line: \"{line}\".");
            }

            var found = counts.CountsOf(line[..tab]);
            var parts = line[(tab + 1)..].Split(',');
            for (var i = 0; i < Math.Min(Weeks, parts.Length); i++)
            {
                found[i] = parts[i].Length == 0 ? 0 : int.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        if (ChunkedText.Read(row, "R", ListChunks) is { } json)
        {
            var refs = JsonSerializer.Deserialize<List<ReflectionRef?>>(json, Json) ?? [];
            var weeks = row.GetString("RW") ?? string.Empty;
            counts.refs.AddRange(refs);
            counts.refWeeks.AddRange(refs.Select((_, i) => i < weeks.Length && weeks[i] is >= '0' and <= '3' ? weeks[i] - '0' : 0));
        }

        counts.ReadQuotes(ChunkedText.Read(row, "Q", ListChunks));
        return counts;
    }

    /// <summary>A term and its four weekly counts, the trailing zeros left out: <c>term\t3,0,1\n</c>.</summary>
    private static string Line(string term, int[] weekly)
    {
        var last = Array.FindLastIndex(weekly, n => n > 0);
        return $"{term}\t{string.Join(',', weekly.Take(last + 1).Select(n => n == 0 ? string.Empty : n.ToString(CultureInfo.InvariantCulture)))}\n";
    }

    private void ReadQuotes(string? text)
    {
        foreach (var line in (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.LastIndexOf('\t');
            if (tab > 0)
            {
                quotes[line[..tab]] = [.. line[(tab + 1)..].Split(',').Select(i => int.Parse(i, NumberStyles.None, CultureInfo.InvariantCulture)).Where(i => i < refs.Count)];
            }
        }
    }

    private int? Offset(int week) => week - FirstWeek is var offset and >= 0 and < Weeks ? offset : null;

    private int[] CountsOf(string term) => counts.TryGetValue(term, out var found) ? found : counts[term] = new int[Weeks];

    private void Count(TermShare share)
    {
        var offset = Offset(share.Week) ?? throw new ArgumentException($"Week {share.Week} is not in block {Block}.", nameof(share));
        documents[offset]++;
        var needing = new List<string>();
        foreach (var term in share.Terms)
        {
            CountsOf(term)[offset]++;
            if (share.Ref is not null && Wants(term, offset))
            {
                needing.Add(term);
            }
        }

        if (needing.Count > 0 && Offer(share.Ref!, offset) is var index and >= 0)
        {
            foreach (var term in needing)
            {
                AddQuote(term, index);
            }
        }
    }

    /// <summary>Whether a reflection of week offset <paramref name="offset"/> becomes a candidate for <paramref name="term"/>: while it has fewer than three, or in place of one of an earlier week.</summary>
    private bool Wants(string term, int offset) =>
        !quotes.TryGetValue(term, out var found)
        || found.Count(i => refs[i] is not null) < MaxQuotesPerTerm
        || found.Any(i => refs[i] is not null && refWeeks[i] < offset);

    private void AddQuote(string term, int index)
    {
        var list = quotes.TryGetValue(term, out var found) ? found : quotes[term] = [];
        list.RemoveAll(i => refs[i] is null);
        if (list.Contains(index))
        {
            return;
        }

        if (list.Count >= MaxQuotesPerTerm)
        {
            // The newest weeks' candidates are kept: reports quote the newest weeks first.
            var oldest = list.OrderBy(i => refWeeks[i]).First();
            if (refWeeks[oldest] >= refWeeks[index])
            {
                return;
            }

            list.Remove(oldest);
        }

        list.Add(index);
    }

    /// <summary>The index of <paramref name="reference"/> among the quote candidates, or −1 when there is no room.</summary>
    private int Offer(ReflectionRef reference, int offset)
    {
        var known = refs.IndexOf(reference);
        if (known >= 0)
        {
            return known;
        }

        if (refs.Count < MaxRefs)
        {
            refs.Add(reference);
            refWeeks.Add(offset);
            return refs.Count - 1;
        }

        // Full: an erased candidate or one no term quotes makes room, else the oldest of an earlier week.
        var used = quotes.Values.SelectMany(i => i).ToHashSet();
        var free = Enumerable.Range(0, refs.Count).FirstOrDefault(i => refs[i] is null || !used.Contains(i), -1);
        if (free < 0)
        {
            free = Enumerable.Range(0, refs.Count).Where(i => refWeeks[i] < offset).OrderBy(i => refWeeks[i]).FirstOrDefault(-1);
            if (free < 0)
            {
                return -1;
            }

            foreach (var list in quotes.Values)
            {
                list.Remove(free);
            }
        }

        refs[free] = reference;
        refWeeks[free] = offset;
        return free;
    }

    private void ClearWeek(int offset)
    {
        documents[offset] = 0;
        foreach (var weekly in counts.Values)
        {
            weekly[offset] = 0;
        }

        for (var i = 0; i < refs.Count; i++)
        {
            if (refWeeks[i] == offset)
            {
                refs[i] = null;
            }
        }
    }

    /// <summary>Terms no week counts any more leave, and quote lists lose erased candidates and those of weeks no longer counted.</summary>
    private void Tidy()
    {
        foreach (var (term, weekly) in counts.ToList())
        {
            if (weekly.All(n => n <= 0))
            {
                counts.Remove(term);
                quotes.Remove(term);
            }
        }

        foreach (var (term, indices) in quotes.ToList())
        {
            indices.RemoveAll(i => refs[i] is null || !counts.TryGetValue(term, out var weekly) || weekly[refWeeks[i]] <= 0);
            if (indices.Count == 0)
            {
                quotes.Remove(term);
            }
        }
    }
}

/// <summary>
/// One reflection's distinct terms for one term row, with its reference as a quote candidate (none
/// when the text has no place to be read again). <see cref="WeekKey"/> names the scope, tag, week
/// and shard (the ledger keeps the share under it); the counts go to the block row, <see cref="RowKey"/>.
/// </summary>
public sealed record TermShare(string WeekKey, int Week, IReadOnlyList<string> Terms, ReflectionRef? Ref)
{
    public string RowKey => TermRows.BlockKeyOf(WeekKey);
}
