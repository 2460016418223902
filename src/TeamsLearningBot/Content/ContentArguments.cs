using System.Globalization;
using System.Text.RegularExpressions;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Content;

/// <summary>Parsing what follows the content commands' names.</summary>
internal static partial class ContentArguments
{
    /// <summary>
    /// Runs <paramref name="action"/> with the item id (<c>C12</c>) the command names, or answers
    /// what was wrong with the command's usage.
    /// </summary>
    public static async Task WithItemIdAsync(CommandContext context, Func<int, Task> action, CancellationToken cancellationToken)
    {
        var first = context.Arguments.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is not null && ContentItem.TryParseId(first, out var number))
        {
            await action(number);
            return;
        }

        var problem = first is null
            ? "Which item? Give its id, like C12."
            : $"\u201C{ContentValidator.Echo(first)}\u201D isn't an item id; ids look like C12.";
        await context.Turn.ReplyAsync(ProblemCard.Build(problem, usage: context.Command.Usage), cancellationToken);
    }

    /// <summary><c>[tag] [page N]</c>: the tag may contain spaces; the page defaults to 1.</summary>
    public static (string? Tag, int Page) TagAndPage(string arguments)
    {
        var match = TagPage().Match(arguments.Trim());
        var tag = match.Groups["tag"].Value.Trim().TrimStart('#').Trim();
        var page = match.Groups["page"].Success && int.TryParse(match.Groups["page"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
        return (tag.Length == 0 ? null : tag.ToLowerInvariant(), Math.Max(page, 1));
    }

    [GeneratedRegex(@"^(?<tag>.*?)\s*(?:\bpage\s+(?<page>\d{1,6}))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TagPage();
}
