namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// The terms of one reflection: its distinct content words (unigrams) and pairs of adjacent
/// content words (bigrams, joined by one space), lowercased and with regular plurals folded.
/// </summary>
/// <remarks>
/// <para>Words are Unicode letters and digits, kept whole across an inner apostrophe or hyphen
/// ("don't", "follow-up"); a possessive 's is removed ("customer's" → "customer"). Links, e-mail
/// addresses and @mentions are dropped. Numbers are dropped ("2026", "3.5", "10k", "3pm", "2nd"):
/// dates and amounts are not topics and a year would "rise" every January; words that mix letters
/// and digits are kept ("q3", "b2b", "covid-19"). Words of one character and English stop words are
/// dropped.</para>
/// <para>A bigram joins two content words that follow each other with only spaces between them:
/// never across punctuation, a line break, a dropped word or a stop word, so "customers, pricing"
/// and "customer of the month" yield no bigram.</para>
/// <para>Only the first <see cref="MaxTextLength"/> characters are read, so the cost is bounded
/// (linear in the text; a 2,000-character reflection yields at most about 700 terms).</para>
/// </remarks>
public static class TermExtractor
{
    /// <summary>Characters of a text that are read; the rest is ignored.</summary>
    public const int MaxTextLength = Tokeniser.MaxTextLength;

    /// <summary>The distinct unigrams and bigrams of <paramref name="text"/>, in order of first appearance.</summary>
    public static IReadOnlyList<string> Extract(string? text)
    {
        var tokens = Tokeniser.Tokenise(text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var terms = new List<string>(tokens.Count * 2);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (seen.Add(tokens[i].Term))
            {
                terms.Add(tokens[i].Term);
            }

            if (i > 0 && tokens[i].FollowsPrevious && tokens[i - 1].Term != tokens[i].Term)
            {
                var bigram = string.Concat(tokens[i - 1].Term, " ", tokens[i].Term);
                if (seen.Add(bigram))
                {
                    terms.Add(bigram);
                }
            }
        }

        return terms;
    }

    /// <summary>The content words of <paramref name="text"/> in order, repeats kept (what <see cref="Extract"/> builds on).</summary>
    public static IReadOnlyList<string> Words(string? text) => Tokeniser.Tokenise(text).ConvertAll(t => t.Term);

    /// <summary>Whether <paramref name="term"/> is a bigram (two words) rather than a unigram.</summary>
    public static bool IsBigram(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return term.Contains(' ', StringComparison.Ordinal);
    }
}
