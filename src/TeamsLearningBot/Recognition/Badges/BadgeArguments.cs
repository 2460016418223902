using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>Reading the badge a settings command names, with a friendly answer when it names none.</summary>
public static class BadgeArguments
{
    /// <summary>The badge <paramref name="id"/> names, or null after replying with the ids there are.</summary>
    public static async Task<BadgeDefinition?> FindOrExplainAsync(this CommandContext context, BadgeCatalogue catalogue, string? id, string usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (catalogue.Find(id) is { } badge)
        {
            return badge;
        }

        var problem = string.IsNullOrWhiteSpace(id) ? "Which badge?" : $"There is no badge \u201C{Shorten(id)}\u201D.";
        await context.Turn.ReplyAsync(
            ProblemCard.Build($"{problem} Use a badge's id (`badges` lists them):", [string.Join(", ", catalogue.All.Select(b => b.Id))], usage),
            cancellationToken);
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
