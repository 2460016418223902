using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Splits a command into words: spaces separate, commas are words of their own, and
/// <c>"double quotes"</c> (straight or curly) keep a name with spaces together. A channel
/// @mention (<c>&lt;at&gt;Design Team&lt;/at&gt;</c>) reads as its quoted name.
/// </summary>
internal static partial class CommandTokenizer
{
    public static List<CommandToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = MentionMarkup().Replace(text, m => "\"" + WebUtility.HtmlDecode(m.Groups[1].Value).Replace("\"", string.Empty, StringComparison.Ordinal) + "\"")
            .Replace('\u201C', '"').Replace('\u201D', '"').Replace('\u201E', '"').Replace('\u00A0', ' ');
        var tokens = new List<CommandToken>();
        var word = new StringBuilder();
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsWhiteSpace(c) || c == ',')
            {
                Flush(tokens, word);
                if (c == ',')
                {
                    tokens.Add(new CommandToken(",", Quoted: false));
                }
            }
            else if (c == '"')
            {
                // #"Team Chat" is the same as "Team Chat".
                if (word.Length == 1 && word[0] == '#')
                {
                    word.Clear();
                }

                Flush(tokens, word);
                var end = normalized.IndexOf('"', i + 1);
                if (end < 0)
                {
                    end = normalized.Length;
                }

                tokens.Add(new CommandToken(normalized[(i + 1)..end].Trim(), Quoted: true));
                i = end;
            }
            else
            {
                word.Append(c);
            }
        }

        Flush(tokens, word);
        return tokens;
    }

    private static void Flush(List<CommandToken> tokens, StringBuilder word)
    {
        if (word.Length > 0)
        {
            tokens.Add(new CommandToken(word.ToString(), Quoted: false));
            word.Clear();
        }
    }

    [GeneratedRegex("<at[^>]*>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex MentionMarkup();
}

/// <summary>A word of a command; quoted words are never read as keywords.</summary>
internal readonly record struct CommandToken(string Text, bool Quoted)
{
    public bool Is(string word) => !Quoted && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public bool IsAny(params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            if (Is(word))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsSeparator => IsAny(",", "and");

    public override string ToString() => Quoted ? "\"" + Text + "\"" : Text;
}
