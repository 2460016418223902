using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// What people write is stored as plain text and shown as plain text: whatever markdown or HTML
/// it contains is escaped on the way out, so it can neither restyle a message nor mention anyone.
/// </summary>
public static partial class ReflectionText
{
    /// <summary>The most a reflection may hold; the card's input enforces it too.</summary>
    public const int MaxLength = 2000;

    // Characters that Teams' markdown (messages and Adaptive Card TextBlocks) gives a meaning.
    private const string MarkdownSpecials = "\\`*_{}[]()#+-.!|>~<";

    /// <summary>Trims, unifies line breaks and drops control characters other than line breaks and tabs.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var unified = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var builder = new StringBuilder(unified.Length);
        foreach (var c in unified)
        {
            if (c is '\n' or '\t' || !char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// The plain text of a Teams channel message: tags removed (a mention keeps the name it
    /// shows), paragraphs and line breaks kept, entities decoded.
    /// </summary>
    public static string FromTeamsMessage(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var withBreaks = BreakTags().Replace(text, "\n");
        var plain = AnyTag().Replace(withBreaks, string.Empty);
        return Normalize(WebUtility.HtmlDecode(plain).Replace('\u00A0', ' '));
    }

    /// <summary>Text safe inside markdown: every special character escaped, line breaks kept.</summary>
    public static string EscapeMarkdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c == '<')
            {
                // An HTML entity rather than "\<": Teams reads HTML in messages, and <at> must stay text.
                builder.Append("&lt;");
            }
            else if (c == '>')
            {
                builder.Append("&gt;");
            }
            else if (c == '&')
            {
                builder.Append("&amp;");
            }
            else if (MarkdownSpecials.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\').Append(c);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Text for an Adaptive Card TextBlock. TextBlocks render a small markdown subset and no HTML,
    /// so only markdown is escaped (an entity would show literally there).
    /// </summary>
    public static string ForCard(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c is not ('<' or '>' or '&') && MarkdownSpecials.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The first <paramref name="length"/> characters, with an ellipsis when cut.</summary>
    public static string Shorten(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= length ? text : text[..length].TrimEnd() + "…";
    }

    [GeneratedRegex(@"<\s*(br|/p|/div|/li)\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BreakTags();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();
}
