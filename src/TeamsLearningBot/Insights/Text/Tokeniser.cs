using System.Buffers;
using System.Globalization;
using System.Text;

namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// Splits a text into content words. Words are runs of Unicode letters, digits and combining marks,
/// joined across an inner apostrophe ("don't"), hyphen ("follow-up") or ampersand ("r&amp;d").
/// Whitespace-separated chunks that are links, e-mail addresses or @mentions are dropped whole.
/// Numbers, single characters, stop words and over-long runs are dropped too, and each dropped word,
/// punctuation mark or line break is a break: no bigram spans it.
/// </summary>
internal static class Tokeniser
{
    public const int MaxTextLength = 4_000;
    private const int MaxWordLength = 40;

    // Units and ordinals that turn a number into a non-topic ("3pm", "2nd", "10k", "5x").
    private static readonly HashSet<string> NumberSuffixes = new(StringComparer.Ordinal)
    {
        "st", "nd", "rd", "th", "am", "pm", "k", "m", "bn", "b", "h", "hr", "hrs", "min", "mins", "s", "x",
        "d", "w", "y", "yr", "yrs", "mb", "gb", "tb", "ms", "sec", "secs", "km", "kg", "eur", "usd", "gbp",
    };

    private static readonly string[] CommonTopLevelDomains =
        ["com", "org", "net", "io", "ly", "co", "uk", "gov", "edu", "ai", "dev", "app", "me", "info", "biz", "eu", "de", "fr", "nl"];

    public static List<Token> Tokenise(string? text)
    {
        var tokens = new List<Token>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var limit = Math.Min(text.Length, MaxTextLength);
        if (limit < text.Length)
        {
            // Cut at the last white space so the final word is not read as a shorter word.
            var cut = text.AsSpan(0, limit + 1).LastIndexOfAny(" \t\r\n");
            limit = cut > 0 ? cut : limit - (char.IsHighSurrogate(text[limit - 1]) ? 1 : 0);
        }

        var broken = true;
        var i = 0;
        while (i < limit)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                broken |= c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085';
                i++;
                continue;
            }

            var end = i;
            while (end < limit && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            if (IsLinkOrAddress(text.AsSpan(i, end - i)))
            {
                broken = true;
            }
            else
            {
                ScanChunk(text, i, end, tokens, ref broken);
            }

            i = end;
        }

        return tokens;
    }

    private static void ScanChunk(string text, int start, int end, List<Token> tokens, ref bool broken)
    {
        var k = start;
        while (k < end)
        {
            if (!IsWordAt(text, k, end, out var width))
            {
                // A trailing apostrophe after s is a plural possessive ("customers' feedback"), not a break.
                var possessive = IsApostrophe(text[k]) && k > start && text[k - 1] is 's' or 'S' && k + 1 == end;
                broken |= !possessive;
                k += Math.Max(width, 1);
                continue;
            }

            var wordStart = k;
            while (true)
            {
                while (k < end && IsWordAt(text, k, end, out width))
                {
                    k += width;
                }

                // An inner joiner continues the word only when a word character follows it.
                if (k + 1 < end && IsJoiner(text[k]) && IsWordAt(text, k + 1, end, out _)
                    && (text[k] != '&' || (char.IsLetter(text[k - 1]) && char.IsLetter(text[k + 1]))))
                {
                    k++;
                    continue;
                }

                break;
            }

            Emit(text, wordStart, k, tokens, ref broken);
        }
    }

    private static void Emit(string text, int start, int end, List<Token> tokens, ref bool broken)
    {
        var word = Normalise(text.AsSpan(start, end - start));
        if (word.EndsWith("'s", StringComparison.Ordinal))
        {
            word = word[..^2];
        }

        if (!IsContentWord(word))
        {
            broken = true;
            return;
        }

        tokens.Add(new Token(Plurals.Singular(word), start, end, FollowsPrevious: !broken));
        broken = false;
    }

    private static bool IsContentWord(string word)
    {
        if (word.Length > MaxWordLength || StopWords.Contains(word))
        {
            return false;
        }

        var firstLetter = -1;
        var runes = 0;
        for (var i = 0; i < word.Length; i += char.IsSurrogatePair(word, i) ? 2 : 1)
        {
            runes++;
            if (firstLetter < 0 && Rune.GetRuneAt(word, i) is var r && Rune.IsLetter(r))
            {
                firstLetter = i;
            }
        }

        if (firstLetter < 0 || runes < 2)
        {
            return false;
        }

        // "3pm", "2nd", "10k": a number with a unit is still a number.
        return firstLetter == 0 || !char.IsAsciiDigit(word[0]) || !AllDigits(word.AsSpan(0, firstLetter))
            || !NumberSuffixes.Contains(word[firstLetter..]);
    }

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Normalise(ReadOnlySpan<char> raw)
    {
        var ascii = true;
        Span<char> buffer = raw.Length <= 128 ? stackalloc char[raw.Length] : new char[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            c = c switch
            {
                '\u2019' or '\u2018' or '\u02BC' or '\u2032' => '\'',
                '\u2010' or '\u2011' => '-',
                _ => char.ToLowerInvariant(c),
            };
            ascii &= char.IsAscii(c);
            buffer[i] = c;
        }

        var word = new string(buffer);
        return ascii || word.IsNormalized(NormalizationForm.FormKC) ? word : word.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
    }

    private static bool IsWordAt(string text, int index, int end, out int width)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index, end - index), out var rune, out width) != OperationStatus.Done)
        {
            return false;
        }

        if (Rune.IsLetterOrDigit(rune))
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    private static bool IsJoiner(char c) => IsApostrophe(c) || c is '-' or '\u2010' or '\u2011' or '&';

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    private static bool IsLinkOrAddress(ReadOnlySpan<char> chunk)
    {
        if (chunk.Contains('@') || chunk.Contains("://", StringComparison.Ordinal)
            || chunk.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // A bare host ("contoso.com", "bit.ly/x"): a dot followed by a known domain ending at the end or before a slash.
        var trimmed = chunk.TrimEnd(".,;:!?)]}\"'\u2019\u201D");
        var slash = trimmed.IndexOf('/');
        var host = slash >= 0 ? trimmed[..slash] : trimmed;
        var dot = host.LastIndexOf('.');
        if (dot <= 0 || dot == host.Length - 1)
        {
            return false;
        }

        var tld = host[(dot + 1)..];
        foreach (var known in CommonTopLevelDomains)
        {
            if (tld.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// One content word of a text: its normalised form, where it sits in the original text
/// (UTF-16 offsets, so a quote can be cut around it), and whether it follows the previous content
/// word with nothing between them but spaces (the only case in which the two form a bigram).
/// </summary>
internal readonly record struct Token(string Term, int Start, int End, bool FollowsPrevious);
