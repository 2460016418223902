using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// <c>badge &lt;id&gt; thresholds 3 10 25</c>: the counts that earn the badge's tiers in this team —
/// one positive whole number per tier, going up. <c>badge &lt;id&gt;</c> alone shows the current ones.
/// </summary>
public sealed class BadgeThresholdsCommand(BadgeCatalogue catalogue, BadgeSettingsStore settings, BadgeTeamContextCache teams) : ICommandHandler
{
    public const string Usage = "badge <id> thresholds <bronze> <silver> <gold>";
    public const int MaxThreshold = 10_000;

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var teamId = context.Activity.TeamId!;
        var words = context.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var badge = await context.FindOrExplainAsync(catalogue, words.FirstOrDefault(), Usage, cancellationToken);
        if (badge is null)
        {
            return;
        }

        var example = $"badge {badge.Id} thresholds {string.Join(' ', badge.DefaultThresholds)}";
        if (words.Length == 1)
        {
            var current = await settings.GetAsync(teamId, cancellationToken);
            await context.Turn.ReplyAsync(
                $"{badge.Emoji} **{badge.Name}** in this team: {BadgesCard.Thresholds(badge, current.ThresholdsOf(badge))} ({badge.Unit}); {(current.IsEnabled(badge) ? "on" : "off")}. Change it with `{example}`.",
                cancellationToken);
            return;
        }

        if (!string.Equals(words[1], "thresholds", StringComparison.OrdinalIgnoreCase))
        {
            await context.Turn.ReplyAsync(ProblemCard.Build($"I didn't understand \u201C{Shorten(words[1])}\u201D after the badge's id.", usage: example), cancellationToken);
            return;
        }

        var problem = Check(badge, words[2..], out var thresholds);
        if (problem is not null)
        {
            await context.Turn.ReplyAsync(ProblemCard.Build(problem, usage: example), cancellationToken);
            return;
        }

        await settings.ChangeAsync(teamId, context.Activity.From?.Id, current => current.WithThresholds(badge.Id, thresholds), cancellationToken);
        teams.Invalidate(teamId);
        await context.Turn.ReplyAsync(
            $"{badge.Emoji} **{badge.Name}** in this team is now earned at {BadgesCard.Thresholds(badge, thresholds)} ({badge.Unit}). Tiers already earned stay earned; anyone already past a new threshold earns it with their next contribution that counts toward it.",
            cancellationToken);
    }

    /// <summary>What is wrong with the thresholds given, in words for a facilitator; null when they fit the badge.</summary>
    public static string? Check(BadgeDefinition badge, IReadOnlyList<string> given, out IReadOnlyList<int> thresholds)
    {
        ArgumentNullException.ThrowIfNull(badge);
        ArgumentNullException.ThrowIfNull(given);
        thresholds = [];
        var tiers = badge.Tiers.Count;
        var names = string.Join(", ", badge.Tiers.Select((_, i) => badge.TierLabel(i)));
        if (given.Count != tiers)
        {
            return $"**{badge.Name}** has {tiers} tier{(tiers == 1 ? string.Empty : "s")} ({names}), so it needs {tiers} number{(tiers == 1 ? string.Empty : "s")}; you gave {given.Count}.";
        }

        var values = new List<int>();
        foreach (var word in given)
        {
            if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > MaxThreshold)
            {
                return $"\u201C{Shorten(word)}\u201D is not a whole number from 1 to {MaxThreshold.ToString("N0", CultureInfo.InvariantCulture)}.";
            }

            if (values.Count > 0 && value <= values[^1])
            {
                return $"Each tier needs more than the one before ({names}): {value} does not come after {values[^1]}.";
            }

            values.Add(value);
        }

        thresholds = values;
        return null;
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
