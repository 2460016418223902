namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// Sentence boundaries of a text, for quoting: a sentence ends after '.', '!', '?' or '…' (with any
/// closing quotes or brackets) followed by a space or the end, and at every line break. A full stop
/// after a single letter or a common abbreviation ("e.g.", "Dr.", "vs.") does not end a sentence.
/// </summary>
internal static class Sentences
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "vs", "approx", "fig", "inc", "ltd", "jr", "sr", "no", "esp", "incl", "dept",
    };

    /// <summary>Start (inclusive) and end (exclusive) of the sentence that contains <paramref name="index"/>, spaces trimmed.</summary>
    public static (int Start, int End) Around(string text, int index)
    {
        var start = index;
        while (start > 0 && !EndsSentenceBefore(text, start))
        {
            start--;
        }

        var end = Math.Min(index + 1, text.Length);
        while (end < text.Length && !EndsSentenceBefore(text, end))
        {
            end++;
        }

        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    // Whether a sentence boundary lies just before position i (between i - 1 and i).
    private static bool EndsSentenceBefore(string text, int i)
    {
        var previous = text[i - 1];
        if (previous is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085')
        {
            return true;
        }

        if (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            return false;
        }

        // Step back over closing quotes and brackets to the terminator.
        var t = i - 1;
        while (t > 0 && text[t] is '"' or '\'' or ')' or ']' or '\u2019' or '\u201D' or '\u00BB')
        {
            t--;
        }

        return text[t] switch
        {
            '!' or '?' or '\u2026' => true,
            '.' => !IsAbbreviation(text, t),
            _ => false,
        };
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        var word = text.AsSpan(start, dot - start);
        if (word.Length == 1)
        {
            return true;
        }

        var lookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        return word.Length > 0 && lookup.Contains(word);
    }
}
