using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TeamsLearningBot.Content;

/// <summary>
/// Turns what someone typed into a <see cref="ContentDraft"/>, or into friendly messages saying
/// exactly what to fix. Whitespace is tidied; nothing else about the text is changed.
/// </summary>
public static partial class ContentValidator
{
    private const int EchoLength = 60;

    public static ContentValidation Validate(ContentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();

        var title = SingleLine(input.Title);
        if (title.Length == 0)
        {
            errors.Add("Give it a title.");
        }
        else if (title.Length > ContentLimits.Title)
        {
            errors.Add(TooLong("The title", title.Length, ContentLimits.Title));
        }

        var url = ParseUrl(SingleLine(input.Url), errors);

        var summary = Paragraphs(input.Summary);
        if (summary.Length > ContentLimits.Summary)
        {
            errors.Add(TooLong("The summary", summary.Length, ContentLimits.Summary));
        }

        var need = Paragraphs(input.PerformanceNeed);
        if (need.Length > ContentLimits.PerformanceNeed)
        {
            errors.Add(TooLong("\u201CWhy would anyone need this?\u201D", need.Length, ContentLimits.PerformanceNeed));
        }

        var kind = ParseKind(input.Kind, errors);
        var minutes = ParseMinutes(input.Minutes, errors);
        var tags = ParseTags(input.Tags, errors);
        var prompts = ParsePrompts(input.Prompts, errors);

        if (errors.Count > 0)
        {
            return new ContentValidation(null, errors);
        }

        return new ContentValidation(
            new ContentDraft(title, url!, NullIfEmpty(summary), kind, minutes, tags, NullIfEmpty(need), prompts),
            []);
    }

    /// <summary>A value echoed in a message, cut short so a huge paste cannot flood the reply.</summary>
    public static string Echo(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= EchoLength ? value : value[..EchoLength] + "\u2026";
    }

    private static Uri? ParseUrl(string text, List<string> errors)
    {
        if (text.Length == 0)
        {
            errors.Add("Add the link (URL) people should open.");
            return null;
        }

        if (text.Length > ContentLimits.Url)
        {
            errors.Add(TooLong("The link", text.Length, ContentLimits.Url));
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(url.Host))
        {
            errors.Add($"The link must be a full web address starting with https:// (or http://); \u201C{Echo(text)}\u201D isn't one.");
            return null;
        }

        return url;
    }

    private static ContentKind ParseKind(string? text, List<string> errors)
    {
        var kind = SingleLine(text);
        if (kind.Length == 0)
        {
            return ContentKind.Article;
        }

        // Enum.TryParse would also take "3"; only the names are meant.
        if (!char.IsDigit(kind[0]) && Enum.TryParse<ContentKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors.Add($"The kind must be one of {string.Join(", ", Enum.GetNames<ContentKind>().Select(n => n.ToLowerInvariant()))}; \u201C{Echo(kind)}\u201D isn't.");
        return ContentKind.Other;
    }

    private static int? ParseMinutes(string? text, List<string> errors)
    {
        var value = SingleLine(text);
        if (value.Length == 0)
        {
            return null;
        }

        var match = MinutesPattern().Match(value);
        if (match.Success
            && decimal.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number)
            && number is >= ContentLimits.MinMinutes and <= ContentLimits.MaxMinutes)
        {
            return (int)number;
        }

        errors.Add($"Minutes must be a whole number from {ContentLimits.MinMinutes} to {ContentLimits.MaxMinutes}; \u201C{Echo(value)}\u201D isn't.");
        return null;
    }

    private static List<string> ParseTags(IReadOnlyList<string> raw, List<string> errors)
    {
        var tags = raw
            .Select(t => SingleLine(t).TrimStart('#').Trim().ToLowerInvariant())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (tags.Count > ContentLimits.Tags)
        {
            errors.Add($"There are {tags.Count} tags; keep it to {ContentLimits.Tags}.");
        }

        foreach (var tag in tags.Where(t => t.Length > ContentLimits.Tag))
        {
            errors.Add($"The tag \u201C{Echo(tag)}\u201D is {tag.Length} characters; keep tags to {ContentLimits.Tag}.");
        }

        return tags;
    }

    private static List<string> ParsePrompts(IReadOnlyList<string> raw, List<string> errors)
    {
        var prompts = raw.Select(SingleLine).Where(p => p.Length > 0).ToList();
        if (prompts.Count == 0)
        {
            errors.Add("Add a reflection prompt: an open question people can answer from their own experience, e.g. \u201CWhat would you do differently after reading this?\u201D");
        }
        else if (prompts.Count > ContentLimits.Prompts)
        {
            errors.Add($"There are {prompts.Count} prompts; keep it to {ContentLimits.Prompts}.");
        }

        for (var i = 0; i < prompts.Count; i++)
        {
            if (prompts[i].Length > ContentLimits.Prompt)
            {
                errors.Add(TooLong(prompts.Count == 1 ? "The prompt" : $"Prompt {i + 1}", prompts[i].Length, ContentLimits.Prompt));
            }
        }

        return prompts;
    }

    private static string TooLong(string what, int length, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} is {length:N0} characters; keep it to {limit:N0}.");

    // Titles, tags and prompts are one line: runs of whitespace (line breaks included) become one space.
    private static string SingleLine(string? text) =>
        text is null ? string.Empty : Whitespace().Replace(WithoutControls(text, keepLineBreaks: false), " ").Trim();

    private static string Paragraphs(string? text) =>
        text is null ? string.Empty : WithoutControls(text, keepLineBreaks: true).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static string WithoutControls(string text, bool keepLineBreaks)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsControl(c) || (keepLineBreaks && c is '\n' or '\r') || c is '\t')
            {
                builder.Append(c);
            }
            else if (c is '\n' or '\r')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MinutesPattern();
}

/// <summary>The outcome of <see cref="ContentValidator.Validate"/>: a draft, or what to fix.</summary>
public sealed record ContentValidation(ContentDraft? Draft, IReadOnlyList<string> Errors)
{
    public bool IsValid => Draft is not null;
}
