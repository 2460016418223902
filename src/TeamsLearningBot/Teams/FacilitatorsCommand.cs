using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Teams;

/// <summary><c>facilitators</c>: who may manage this team's library and drops. Anyone may ask.</summary>
public sealed class FacilitatorsCommand(TeamStore teams, FacilitatorPolicy policy) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var teamId = context.Activity.TeamId!;
        var facilitators = (await teams.ListFacilitatorsAsync(teamId, cancellationToken))
            .OrderBy(f => f.Name ?? string.Empty, StringComparer.CurrentCulture)
            .ToList();

        var card = new AdaptiveCard().Add(CardElement.Text("Facilitators of this team", TextStyle.Heading));
        if (facilitators.Count == 0)
        {
            card.Add(CardElement.Text("Nobody yet. Whoever installs me becomes the first facilitator."));
        }
        else
        {
            card.Add(CardElement.Facts(facilitators.Select(f =>
                (f.Name ?? "someone", "since " + f.AddedAt.ToString("d MMM yyyy", CultureInfo.InvariantCulture)))));
        }

        if (policy.ConfiguredCount > 0)
        {
            card.Add(CardElement.Text($"Plus {policy.ConfiguredCount} named by your admins for every team.", TextStyle.Subtle));
        }

        card.Add(CardElement.Text("Facilitators curate the content library and schedule drops. A facilitator can name others with: facilitators add @name", TextStyle.Subtle));
        await context.Turn.ReplyAsync(card.ToAttachment(), cancellationToken);
    }
}

/// <summary>The people a facilitators command names by @mention.</summary>
internal static class FacilitatorMentions
{
    /// <summary>
    /// Mentioned users other than the bot. @team, @channel and tag mentions (<c>19:…</c>) and
    /// other bots (<c>28:…</c>) cannot be facilitators and are left out.
    /// </summary>
    public static IReadOnlyList<ChannelAccount> People(Activity activity) =>
        [.. activity.MentionedUsers().Where(m => !string.IsNullOrEmpty(m.Id)
            && !m.Id.StartsWith("19:", StringComparison.Ordinal)
            && !m.Id.StartsWith("28:", StringComparison.Ordinal))];

    public static bool IsSender(Activity activity, ChannelAccount person) =>
        string.Equals(activity.From?.Id, person.Id, StringComparison.OrdinalIgnoreCase);
}
