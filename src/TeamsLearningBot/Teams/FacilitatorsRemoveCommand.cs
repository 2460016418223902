using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Teams;

/// <summary><c>facilitators remove @name …</c>: takes the role away, but never from the last facilitator.</summary>
public sealed partial class FacilitatorsRemoveCommand(TeamStore teams, ILogger<FacilitatorsRemoveCommand> logger) : ICommandHandler
{
    public const string Usage = "facilitators remove @name";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var people = FacilitatorMentions.People(context.Activity);
        if (people.Count == 0)
        {
            await context.Turn.ReplyAsync(ProblemCard.Build("@mention the facilitators to remove.", usage: Usage), cancellationToken);
            return;
        }

        var teamId = context.Activity.TeamId!;
        var lines = new List<string>();
        foreach (var person in people)
        {
            var isSelf = FacilitatorMentions.IsSender(context.Activity, person);
            var who = isSelf ? "You" : $"**{person.Name ?? "That person"}**";
            var result = await teams.RemoveFacilitatorAsync(teamId, person.Id!, cancellationToken);
            if (result == FacilitatorRemoval.Removed)
            {
                LogRemoved(logger);
            }

            lines.Add(result switch
            {
                FacilitatorRemoval.Removed => isSelf ? "You are no longer a facilitator of this team." : $"{who} is no longer a facilitator of this team.",
                FacilitatorRemoval.LastFacilitator => $"{who} {(isSelf ? "are" : "is")} this team's last facilitator, so I kept {(isSelf ? "you" : "them")}. Name someone else first with `{FacilitatorsAddCommand.Usage}`.",
                _ => isSelf ? "You aren't a facilitator of this team." : $"{who} isn't a facilitator of this team.",
            });
        }

        await context.Turn.ReplyAsync(string.Join("\n\n", lines), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Facilitator removed")]
    private static partial void LogRemoved(ILogger logger);
}
