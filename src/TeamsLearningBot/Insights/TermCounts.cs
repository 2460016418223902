using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;

namespace TeamsLearningBot.Insights;

/// <summary>
/// A term row (<c>t|{scope}|{week}|{tag}|{shard}</c>): how often each term and phrase occurred in
/// the week's reflections on the tag, in how many reflections (<see cref="Documents"/>), and up to
/// <see cref="MaxQuotes"/> references per term to reflections that used it (quote candidates).
/// </summary>
public sealed class TermCounts
{
    public const int MaxQuotes = 3;
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [JsonPropertyName("n")]
    public int Documents { get; set; }

    [JsonPropertyName("t")]
    public Dictionary<string, int> Terms { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("q")]
    public Dictionary<string, List<ReflectionRef>> Quotes { get; set; } = new(StringComparer.Ordinal);

    public static TermCounts FromRow(TableEntity? row) =>
        row?.GetString("Counts") is { Length: > 0 } json ? JsonSerializer.Deserialize<TermCounts>(json, Json) ?? new TermCounts() : new TermCounts();

    public TableEntity ToRow() => new() { ["Counts"] = JsonSerializer.Serialize(this, Json) };

    /// <summary>Adds reflections' terms (and each one as a quote candidate for its terms while a term has fewer than three).</summary>
    public static TableEntity Add(TableEntity? row, IReadOnlyList<TermShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var counts = FromRow(row);
        foreach (var share in shares)
        {
            counts.Documents++;
            foreach (var (term, n) in share.Counts)
            {
                counts.Terms[term] = counts.Terms.GetValueOrDefault(term) + n;
                if (share.Ref is { } reference)
                {
                    var quotes = counts.Quotes.TryGetValue(term, out var found) ? found : counts.Quotes[term] = [];
                    if (quotes.Count < MaxQuotes && !quotes.Contains(reference))
                    {
                        quotes.Add(reference);
                    }
                }
            }
        }

        return counts.ToRow();
    }

    /// <summary>Takes a person's terms and quote references back out (forget me); null when nothing is left.</summary>
    public static TableEntity? Subtract(TableEntity? row, IReadOnlyDictionary<string, int>? terms, IReadOnlyList<ReflectionRef>? refs)
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
        foreach (var quotes in counts.Quotes.Values)
        {
            quotes.RemoveAll(gone.Contains);
        }

        counts.Documents = Math.Max(0, counts.Documents - gone.Count);
        foreach (var empty in counts.Quotes.Where(q => q.Value.Count == 0).Select(q => q.Key).ToList())
        {
            counts.Quotes.Remove(empty);
        }

        return counts.Terms.Count == 0 ? null : counts.ToRow();
    }
}
