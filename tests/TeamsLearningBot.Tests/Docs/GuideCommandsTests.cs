using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Docs;

/// <summary>
/// Every command the bot's command table knows is documented in exactly one guide (docs/*.md): as
/// a table row whose first cell holds the command in backticks, e.g. <c>| `content show C12` | … |</c>.
/// </summary>
public sealed partial class GuideCommandsTests(AzuriteFixture azurite)
{
    private const string LearnersGuide = "docs/learners.md";
    private const string FacilitatorsGuide = "docs/facilitators.md";

    [Fact]
    public async Task Every_command_is_in_exactly_one_guide()
    {
        await using var app = new BotApplicationFactory(azurite);
        var catalog = app.Services.GetRequiredService<CommandCatalog>();
        var guides = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(guides);

        var problems = new List<string>();
        var documentedIn = new Dictionary<BotCommand, SortedSet<string>>();
        foreach (var guide in guides)
        {
            var name = "docs/" + Path.GetFileName(guide);
            foreach (var row in FirstCells(await File.ReadAllTextAsync(guide, TestContext.Current.CancellationToken)))
            {
                foreach (var span in row.CodeSpans)
                {
                    if (Command(catalog, span) is { } command)
                    {
                        documentedIn.TryAdd(command, new SortedSet<string>(StringComparer.Ordinal));
                        documentedIn[command].Add(name);
                    }
                    else if (row.InCommandTable)
                    {
                        problems.Add($"{name}: '{span}' is in a command table but is no command the bot knows");
                    }
                }
            }
        }

        // The help card lists every command of the table for the scopes it works in, so each is
        // one people type; routes that are not commands (card actions, reactions) are not in it.
        foreach (var command in catalog.All.Where(c => c.Scopes != 0).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (!documentedIn.TryGetValue(command, out var found))
            {
                var guide = command.Audience == CommandAudience.Facilitators ? FacilitatorsGuide : LearnersGuide;
                problems.Add($"'{command.Name}' ({command.Usage}) is in no guide: add a row \"| `{command.Usage}` | … |\" to the command table of {guide}");
            }
            else if (found.Count > 1)
            {
                problems.Add($"'{command.Name}' is in the command tables of {found.Count} guides ({string.Join(", ", found)}): keep its row in one and link to it from the others");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task First_cells_map_to_commands_with_escaped_pipes_several_spans_and_other_tables_left_out()
    {
        await using var app = new BotApplicationFactory(azurite);
        var catalog = app.Services.GetRequiredService<CommandCatalog>();
        const string Markdown = """
            | Command | What |
            |---|---|
            | `content add <title> \| <url> \| <prompt>` | one line |
            | `badge off <id>`, `badge on <id>` | switch |
            | not code: drops | no span |

            | Table | Keys |
            |---|---|
            | `Drops` (`Drops/DropStore`) | `drops` in a later cell |
            | `Reflections:CardRefreshDelay` | a setting |
            """;

        var mapped = FirstCells(Markdown)
            .SelectMany(row => row.CodeSpans)
            .Select(span => Command(catalog, span)?.Name)
            .ToList();

        Assert.Equal(["content add", "badge off", "badge on", null, null, null], mapped);
        Assert.Equal([true, true, true, false, false, false], FirstCells(Markdown).Where(r => r.CodeSpans.Count > 0).SelectMany(r => r.CodeSpans.Select(_ => r.InCommandTable)));
    }

    /// <summary>
    /// The command a code span starts with. Matching is by the command's own (lower-case) words, so
    /// a table name such as <c>Drops</c> in the storage layout is not taken for the command <c>drops</c>.
    /// </summary>
    private static BotCommand? Command(CommandCatalog catalog, string span) =>
        catalog.TryParse(span, out var command, out _) && Normalize(span).StartsWith(command.Name, StringComparison.Ordinal) ? command : null;

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The code spans of the first cell of every table row (header and delimiter rows yield none),
    /// and whether the row is in a table whose header's first cell is "Command".
    /// </summary>
    private static IEnumerable<(IReadOnlyList<string> CodeSpans, bool InCommandTable)> FirstCells(string markdown)
    {
        var inTable = false;
        var commandTable = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith('|'))
            {
                inTable = false;
                continue;
            }

            var first = UnescapedPipe().Split(line[1..])[0].Trim();
            if (!inTable)
            {
                inTable = true;
                commandTable = first.Equals("Command", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            var spans = CodeSpan().Matches(first).Select(m => m.Groups[1].Value.Replace("\\|", "|", StringComparison.Ordinal).Trim()).ToList();
            yield return (spans, commandTable);
        }
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
