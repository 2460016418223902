using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Drops;

/// <summary>Answers shared by the drop commands.</summary>
public static class DropReplies
{
    public const string UnknownTeam = "I don't have this team's details yet. Remove me from the team and add me again, then try once more.";

    /// <summary>Replies with the error card: what was wrong and the forms that work.</summary>
    public static async Task ReplyErrorAsync(this CommandContext context, string message, IReadOnlyList<string> usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Turn.ReplyAsync(DropCard.Error(message, usage), cancellationToken);
    }

    /// <summary>Reads the drop id a command names (<c>cancel D4</c>), or replies with the right form.</summary>
    public static async Task<int?> ParseDropIdAsync(this CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Arguments.Trim();
        if (Drop.TryParseId(text, out var number))
        {
            return number;
        }

        var problem = text.Length == 0 ? "Which drop?" : $"\u201C{text}\u201D is not a drop id.";
        await context.ReplyErrorAsync($"{problem} Drop ids look like `D4`; `drops` lists them.", [$"{context.Command.Name} D4"], cancellationToken);
        return null;
    }

    public static Task ReplyNoSuchDropAsync(this CommandContext context, int number, CancellationToken cancellationToken) =>
        context.ReplyErrorAsync($"This team has no drop D{number}. `drops` lists the upcoming ones.", [], cancellationToken);
}
