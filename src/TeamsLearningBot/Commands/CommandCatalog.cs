namespace TeamsLearningBot.Commands;

/// <summary>
/// The command table. Parsing takes the longest command name the text starts with, so
/// <c>content add</c> wins over <c>content</c>. The Teams manifest's command lists are checked
/// against this table.
/// </summary>
public sealed class CommandCatalog
{
    private readonly BotCommand[] commands;

    public CommandCatalog(IEnumerable<BotCommand> commands)
    {
        this.commands = [.. commands.OrderByDescending(c => c.Name.Length)];
        var duplicate = this.commands.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"The command '{duplicate.Key}' is registered more than once.");
        }
    }

    public IReadOnlyList<BotCommand> All => commands;

    /// <summary>The command <paramref name="text"/> starts with, and the rest of the text as its arguments.</summary>
    public bool TryParse(string text, out BotCommand command, out string arguments)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        foreach (var candidate in commands)
        {
            if (normalized.StartsWith(candidate.Name, StringComparison.OrdinalIgnoreCase)
                && (normalized.Length == candidate.Name.Length || normalized[candidate.Name.Length] == ' '))
            {
                command = candidate;
                arguments = ArgumentsAfter(text, candidate.Name.Split(' ').Length);
                return true;
            }
        }

        command = null!;
        arguments = string.Empty;
        return false;
    }

    // The arguments keep the user's own spacing and line breaks (a reason or a prompt may span lines).
    private static string ArgumentsAfter(string text, int words)
    {
        var rest = text.AsSpan().TrimStart();
        for (var i = 0; i < words; i++)
        {
            var space = rest.IndexOfAny(" \t\r\n");
            rest = space < 0 ? [] : rest[space..].TrimStart();
        }

        return rest.Trim().ToString();
    }
}
