using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>What follows <c>suggest</c>: a link first, then in the learner's own words why it helps.</summary>
public sealed partial record SuggestionRequest(Uri Url, string Why)
{
    public const string Usage = "suggest https://… <why it helps>";

    /// <summary>Reads the arguments; false with a friendly message saying what to change.</summary>
    public static bool TryParse(string arguments, out SuggestionRequest? request, out string error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        request = null;
        error = string.Empty;

        // Teams sends message text HTML-escaped ("&amp;") and may wrap a pasted link in an anchor.
        var text = WebUtility.HtmlDecode(Anchor().Replace(arguments, "${href}")).Trim();
        if (text.Length == 0)
        {
            error = "Share a link and a few words on why it helps the team.";
            return false;
        }

        var parts = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        var link = parts[0].Trim('<', '>');
        var why = parts.Length > 1 ? Whitespace().Replace(parts[1], " ").Trim().TrimStart('-', ':', '\u2013', '\u2014', '|').Trim() : string.Empty;
        if (link.Length > SuggestionLimits.Url)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"That link is {link.Length:N0} characters; I can take links up to {SuggestionLimits.Url:N0}.");
            return false;
        }

        if (!Uri.TryCreate(link, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(url.Host))
        {
            error = LinkInside().IsMatch(text)
                ? "Put the link first, then why it helps."
                : $"Start with the full web address (https://…); \u201C{ContentValidator.Echo(link)}\u201D isn't one.";
            return false;
        }

        if (why.Length == 0)
        {
            error = "Add a few words on why it helps: that is what the facilitators decide on, and what the team will read.";
            return false;
        }

        if (why.Length < SuggestionLimits.MinWhy)
        {
            error = $"\u201C{why}\u201D is a bit short; say in a sentence why it helps the team.";
            return false;
        }

        if (why.Length > SuggestionLimits.MaxWhy)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"Your reason is {why.Length:N0} characters; keep it to {SuggestionLimits.MaxWhy:N0} (a sentence or two is plenty).");
            return false;
        }

        request = new SuggestionRequest(url, why);
        return true;
    }

    [GeneratedRegex("<a\\s[^>]*href=\"(?<href>[^\"]*)\"[^>]*>.*?</a>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"\bhttps?://\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkInside();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>
/// How much a suggestion may say. The reason becomes the item's "why this matters", so it shares
/// that field's limit; a few words at least, so a facilitator has something to judge.
/// </summary>
public static class SuggestionLimits
{
    public const int MinWhy = 10;
    public const int MaxWhy = ContentLimits.PerformanceNeed;
    public const int Url = ContentLimits.Url;
    public const int Note = 500;

    /// <summary>Pending suggestions a listing shows at once (each carries a decision form).</summary>
    public const int Listed = 5;
}
