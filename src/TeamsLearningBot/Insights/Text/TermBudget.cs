using System.Globalization;
using System.Text;

namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// Keeps a bucket of term counts within a size, and writes it as one compact string property
/// (a Table Storage string property holds at most 64 KiB, i.e. 32,768 UTF-16 characters).
/// </summary>
/// <remarks>
/// The encoding is one <c>term\tcount\n</c> line per term, highest count first. Terms never
/// contain tabs or line breaks (<see cref="TermExtractor"/> splits on white space).
/// Trimming keeps the highest counts; among equal counts it keeps terms by a stable hash of the
/// term rather than alphabetically, so no part of the alphabet is always the one dropped. A term
/// that is dropped and seen again starts from its new count: the tail of rare terms is
/// undercounted, the head (what can rise) is exact.
/// </remarks>
public static class TermBudget
{
    /// <summary>Characters of an encoded bucket that fit one Table Storage string property.</summary>
    public const int MaxEncodedLength = 32_768;

    /// <summary>
    /// The terms of <paramref name="counts"/> to keep: at most <paramref name="maxTerms"/>, highest counts first,
    /// whose encoding is at most <paramref name="maxEncodedLength"/> characters. Counts below one are dropped.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Keep(IEnumerable<KeyValuePair<string, int>> counts, int maxTerms, int maxEncodedLength = MaxEncodedLength)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTerms);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEncodedLength);

        var kept = new List<KeyValuePair<string, int>>();
        var length = 0;
        foreach (var pair in counts.Where(p => p.Value > 0).OrderByDescending(p => p.Value).ThenBy(p => StableHash(p.Key)).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (kept.Count == maxTerms)
            {
                break;
            }

            var size = EncodedLength(pair.Key, pair.Value);
            if (length + size > maxEncodedLength)
            {
                continue;
            }

            kept.Add(pair);
            length += size;
        }

        return kept;
    }

    /// <summary>The encoding of <paramref name="counts"/> (trim with <see cref="Keep"/> first), highest count first.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, int>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var builder = new StringBuilder();
        foreach (var (term, count) in counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (term.AsSpan().IndexOfAny('\t', '\n') >= 0 || term.Length == 0)
            {
                throw new ArgumentException($"A term may not be empty or contain a tab or a line break: \"{term}\".", nameof(counts));
            }

            builder.Append(term).Append('\t').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Reads what <see cref="Encode"/> wrote; a repeated term's counts are added.</summary>
    /// <exception cref="FormatException">A line is not <c>term\tcount</c> with a positive count.</exception>
    public static Dictionary<string, int> Decode(string? encoded)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(encoded))
        {
            return counts;
        }

        foreach (var line in encoded.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !int.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                throw new FormatException($"Not a term count line: \"{line}\".");
            }

            var term = line[..tab];
            counts[term] = checked(counts.GetValueOrDefault(term) + count);
        }

        return counts;
    }

    /// <summary>Characters one term takes in the encoding.</summary>
    public static int EncodedLength(string term, int count)
    {
        ArgumentNullException.ThrowIfNull(term);
        var digits = 1;
        for (var rest = Math.Abs((long)count); rest >= 10; rest /= 10)
        {
            digits++;
        }

        return term.Length + 2 + digits + (count < 0 ? 1 : 0);
    }

    // FNV-1a over the UTF-16 code units: the same on every machine and run, unlike string.GetHashCode.
    private static uint StableHash(string term)
    {
        var hash = 2166136261u;
        foreach (var c in term)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
