using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using TeamsLearningBot.Insights.Text;

namespace TeamsLearningBot.Insights;

/// <summary>
/// A term row (<see cref="TermRows"/>): in how many of the week's reflections on the tag each term
/// and phrase occurred (<see cref="Terms"/>, out of <see cref="Documents"/>), and for each term up
/// to <see cref="MaxQuotesPerTerm"/> reflections that used it, as indices into <see cref="Refs"/>
/// (quote candidates; the text itself stays in the reflection's own row).
/// </summary>
/// <remarks>
/// A row stays within Table Storage's limits however busy the week: at most <see cref="MaxTerms"/>
/// terms (<see cref="TermBudget"/> keeps the most frequent, which are the ones that can rise) and
/// <see cref="MaxRefs"/> references; when the references are full, those no kept term points to
/// make room. An erased reference is left as null so the indices of the others stay valid.
/// </remarks>
public sealed class TermCounts
{
    public const int MaxQuotesPerTerm = 3;
    public const int MaxTerms = 1_500;
    public const int MaxRefs = 200;
    private const int MaxChunks = 4;
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>The properties the counts are in (<see cref="Documents"/> and <see cref="Terms"/>), for reading a row without its quote candidates.</summary>
    public static readonly string[] CountColumns = ["RowKey", "Documents", .. Enumerable.Range(0, MaxChunks).Select(i => "T" + i)];

    public int Documents { get; private set; }

    public Dictionary<string, int> Terms { get; private init; } = new(StringComparer.Ordinal);

    public List<ReflectionRef?> Refs { get; private init; } = [];

    public Dictionary<string, List<int>> Quotes { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>The reflections offered as quotes for <paramref name="term"/>, erased ones left out.</summary>
    public IEnumerable<ReflectionRef> QuotesFor(string term) =>
        Quotes.TryGetValue(term, out var found) ? found.Where(i => i < Refs.Count).Select(i => Refs[i]).OfType<ReflectionRef>() : [];

    public static TermCounts FromRow(TableEntity? row)
    {
        if (row is null)
        {
            return new TermCounts();
        }

        var counts = new TermCounts
        {
            Terms = TermBudget.Decode(ChunkedText.Read(row, "T", MaxChunks)),
            Refs = ChunkedText.Read(row, "R", MaxChunks) is { } refs ? JsonSerializer.Deserialize<List<ReflectionRef?>>(refs, Json) ?? [] : [],
        };
        counts.Documents = row.GetInt32("Documents") ?? 0;
        foreach (var line in (ChunkedText.Read(row, "Q", MaxChunks) ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.LastIndexOf('\t');
            if (tab > 0)
            {
                counts.Quotes[line[..tab]] = [.. line[(tab + 1)..].Split(',').Select(i => int.Parse(i, NumberStyles.None, CultureInfo.InvariantCulture))];
            }
        }

        return counts;
    }

    public TableEntity ToRow()
    {
        var row = new TableEntity { ["Documents"] = Documents };
        var kept = TermBudget.Keep(Terms, MaxTerms, MaxChunks * 30_000);
        ChunkedText.Write(row, "T", TermBudget.Encode(kept), MaxChunks, "A term row outgrew its budget.");
        var quotes = new StringBuilder();
        foreach (var (term, _) in kept)
        {
            if (Quotes.TryGetValue(term, out var indices) && indices.Count > 0)
            {
                quotes.Append(term).Append('\t').AppendJoin(',', indices.Select(i => i.ToString(CultureInfo.InvariantCulture))).Append('\n');
            }
        }

        ChunkedText.Write(row, "Q", quotes.ToString(), MaxChunks, "A term row's quote list outgrew its budget.");
        if (Refs.Count > 0)
        {
            ChunkedText.Write(row, "R", JsonSerializer.Serialize(Refs, Json), MaxChunks, "A term row's references outgrew their budget.");
        }

        return row;
    }

    /// <summary>Adds one reflection's terms, and offers it as a quote for each term that has fewer than three.</summary>
    public static TableEntity Add(TableEntity? row, IReadOnlyList<TermShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var counts = FromRow(row);
        foreach (var share in shares)
        {
            counts.Documents++;
            var index = share.Ref is { } reference ? counts.Offer(reference) : -1;
            foreach (var term in share.Terms)
            {
                counts.Terms[term] = counts.Terms.GetValueOrDefault(term) + 1;
                if (index >= 0)
                {
                    var quotes = counts.Quotes.TryGetValue(term, out var found) ? found : counts.Quotes[term] = [];
                    if (quotes.Count < MaxQuotesPerTerm && !quotes.Contains(index))
                    {
                        quotes.Add(index);
                    }
                }
            }
        }

        return counts.ToRow();
    }

    /// <summary>
    /// Takes a person's reflections back out (forget me): their term counts and their references;
    /// <paramref name="documents"/> is how many reflections they added. Null when nothing is left.
    /// </summary>
    public static TableEntity? Subtract(TableEntity? row, IReadOnlyDictionary<string, int>? terms, IReadOnlyList<ReflectionRef>? refs, int documents)
    {
        if (row is null)
        {
            return null;
        }

        var counts = FromRow(row);
        foreach (var (term, n) in terms ?? new Dictionary<string, int>())
        {
            var left = counts.Terms.GetValueOrDefault(term) - n;
            if (left > 0)
            {
                counts.Terms[term] = left;
            }
            else
            {
                counts.Terms.Remove(term);
                counts.Quotes.Remove(term);
            }
        }

        var gone = (refs ?? []).ToHashSet();
        for (var i = 0; i < counts.Refs.Count; i++)
        {
            if (counts.Refs[i] is { } reference && gone.Contains(reference))
            {
                counts.Refs[i] = null;
            }
        }

        foreach (var (term, indices) in counts.Quotes.ToList())
        {
            indices.RemoveAll(i => i >= counts.Refs.Count || counts.Refs[i] is null);
            if (indices.Count == 0)
            {
                counts.Quotes.Remove(term);
            }
        }

        counts.Documents = Math.Max(0, counts.Documents - documents);
        return counts.Terms.Count == 0 || counts.Documents == 0 ? null : counts.ToRow();
    }

    /// <summary>The index of <paramref name="reference"/> among the quote candidates, or −1 when there is no room.</summary>
    private int Offer(ReflectionRef reference)
    {
        var known = Refs.IndexOf(reference);
        if (known >= 0)
        {
            return known;
        }

        var free = Refs.IndexOf(null);
        if (free < 0 && Refs.Count >= MaxRefs)
        {
            // Full: a reference no term quotes any more (its terms fell out of the budget) makes room.
            var used = Quotes.Values.SelectMany(i => i).ToHashSet();
            free = Enumerable.Range(0, Refs.Count).FirstOrDefault(i => !used.Contains(i), -1);
            if (free < 0)
            {
                return -1;
            }
        }

        if (free >= 0)
        {
            Refs[free] = reference;
            return free;
        }

        Refs.Add(reference);
        return Refs.Count - 1;
    }
}
