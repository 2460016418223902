using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Recognition.Leaderboard;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// <c>suggest &lt;url&gt; &lt;why it helps&gt;</c>: in a team channel, for that team's library. In a
/// personal chat, for the one team the learner is known in; if that is not clear, where to ask.
/// </summary>
public sealed class SuggestCommand(
    SuggestionIntake intake,
    SuggestionStore suggestions,
    ContributionStore contributions,
    TeamStore teams,
    LearnerKeys learners) : ICommandHandler
{
    private const string InChannel = "Suggestions go to a team's library: @mention me in one of your team's channels with `suggest <link> <why it helps>`.";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SuggestionRequest.TryParse(context.Arguments, out var request, out var error))
        {
            await context.Turn.ReplyAsync(ProblemCard.Build(error, usage: SuggestionRequest.Usage), cancellationToken);
            return;
        }

        var team = context.Activity.TeamId is { } teamId
            ? await teams.GetAsync(teamId, cancellationToken)
            : await TeamOfLearnerAsync(context, cancellationToken);
        if (team is null)
        {
            if (context.Activity.TeamId is not null)
            {
                await context.Turn.ReplyAsync(DropReplies.UnknownTeam, cancellationToken);
            }

            return;
        }

        await intake.SuggestAsync(context.Turn, team, request!, cancellationToken);
    }

    /// <summary>The one active team of the tenant where the learner suggested or contributed before; otherwise says where to suggest.</summary>
    private async Task<TeamEntity?> TeamOfLearnerAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var key = learners.KeyOf(context.Activity);
        var candidates = key is null
            ? []
            : (await suggestions.TeamsOfAsync(key, cancellationToken)).Concat(await contributions.TeamsOfAsync(key, cancellationToken)).Distinct(StringComparer.Ordinal).ToList();
        var known = new List<TeamEntity>();
        foreach (var teamId in candidates)
        {
            if (await teams.GetAsync(teamId, cancellationToken) is { IsActive: true } team
                && string.Equals(team.TenantId, context.Activity.TenantId, StringComparison.OrdinalIgnoreCase))
            {
                known.Add(team);
            }
        }

        if (known.Count == 1)
        {
            return known[0];
        }

        await context.Turn.ReplyAsync(
            known.Count == 0
                ? InChannel
                : $"Which team's library is it for? You're in {string.Join(" and ", known.Select(t => t.Name ?? "a team"))} with me: {char.ToLowerInvariant(InChannel[0])}{InChannel[1..]}",
            cancellationToken);
        return null;
    }
}
