using System.Net;
using System.Text.RegularExpressions;

namespace TeamsLearningBot.Content;

/// <summary>
/// The power users' form: <c>content add &lt;title&gt; | &lt;url&gt; | &lt;prompt&gt; [| tags: a, b] [| need: …]
/// [| kind: video] [| minutes: 5] [| summary: …] [| prompt: another]</c>. The first three parts are
/// positional (a title may contain a colon); every later part is <c>key: value</c>.
/// </summary>
public static partial class OneLineContentParser
{
    public const string Syntax = "content add <title> | <url> | <prompt> [| tags: a, b] [| need: …] [| kind: video] [| minutes: 5] [| summary: …]";

    private static readonly string[] Keys = ["tags", "need", "kind", "minutes", "summary", "prompt"];

    /// <summary>Parses the arguments after <c>content add</c>; false with a message saying what is wrong.</summary>
    public static bool TryParse(string arguments, out ContentInput input, out string error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        input = new ContentInput();
        error = string.Empty;

        // Teams sends message text HTML-escaped ("&amp;") and may wrap a pasted link in an anchor.
        var text = WebUtility.HtmlDecode(Anchor().Replace(arguments, "${href}"));
        var parts = text.Split('|', StringSplitOptions.TrimEntries);
        if (parts.Length < 3 || parts[..3].Any(p => p.Length == 0))
        {
            error = "I need at least a title, a link and a reflection prompt, separated by |.";
            return false;
        }

        var tags = new List<string>();
        var prompts = new List<string> { parts[2] };
        string? need = null, kind = null, minutes = null, summary = null;
        foreach (var part in parts.Skip(3).Where(p => p.Length > 0))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? string.Empty : part[..colon].Trim().ToLowerInvariant();
            var value = colon < 0 ? string.Empty : part[(colon + 1)..].Trim();
            switch (key)
            {
                case "tags" or "tag":
                    tags.AddRange(ContentInput.SplitTags(value));
                    break;
                case "need" or "why":
                    need = value;
                    break;
                case "kind":
                    kind = value;
                    break;
                case "minutes" or "mins" or "min":
                    minutes = value;
                    break;
                case "summary":
                    summary = value;
                    break;
                case "prompt":
                    prompts.Add(value);
                    break;
                default:
                    error = $"I don't know the part \u201C{ContentValidator.Echo(part)}\u201D. After the prompt, each part starts with one of {string.Join(", ", Keys.Select(k => k + ":"))}.";
                    return false;
            }
        }

        input = new ContentInput
        {
            Title = parts[0],
            Url = parts[1].Trim('<', '>'),
            Prompts = prompts,
            Tags = tags,
            PerformanceNeed = need,
            Kind = kind,
            Minutes = minutes,
            Summary = summary,
        };
        return true;
    }

    [GeneratedRegex("<a\\s[^>]*href=\"(?<href>[^\"]*)\"[^>]*>.*?</a>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();
}
