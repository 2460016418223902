using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Teams;

/// <summary><c>facilitators add @name …</c>: names people (by @mention) as facilitators.</summary>
public sealed partial class FacilitatorsAddCommand(TeamStore teams, ILogger<FacilitatorsAddCommand> logger) : ICommandHandler
{
    public const string Usage = "facilitators add @name";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var people = FacilitatorMentions.People(context.Activity);
        if (people.Count == 0)
        {
            await context.Turn.ReplyAsync(ProblemCard.Build("@mention the people to make facilitators.", usage: Usage), cancellationToken);
            return;
        }

        var teamId = context.Activity.TeamId!;
        var lines = new List<string>();
        foreach (var person in people)
        {
            var isSelf = FacilitatorMentions.IsSender(context.Activity, person);
            if (await teams.AddFacilitatorAsync(teamId, person, context.Activity.From?.Id, cancellationToken))
            {
                LogAdded(logger);
                lines.Add(isSelf ? "You are now a facilitator of this team." : $"**{person.Name ?? "That person"}** is now a facilitator of this team.");
            }
            else
            {
                lines.Add(isSelf ? "You are already a facilitator." : $"**{person.Name ?? "That person"}** already is a facilitator.");
            }
        }

        await context.Turn.ReplyAsync(string.Join("\n\n", lines), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Facilitator added")]
    private static partial void LogAdded(ILogger logger);
}
