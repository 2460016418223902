using TeamsLearningBot.Commands;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// <c>anonymous reflections on|off</c>: the team's default for new posts. A drop scheduled with
/// <c>anonymous</c> allows anonymous sharing whatever the default.
/// </summary>
public sealed class AnonymousReflectionsCommand(TeamStore teams) : ICommandHandler
{
    public const string Usage = "anonymous reflections on|off";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var teamId = context.Activity.TeamId!;
        bool? allowed = context.Arguments.Trim().ToUpperInvariant() switch
        {
            "ON" => true,
            "OFF" => false,
            _ => null,
        };
        if (allowed is null)
        {
            var team = await teams.GetAsync(teamId, cancellationToken);
            await context.Turn.ReplyAsync(
                $"Anonymous reflections are {(team?.AnonymousReflections == true ? "on" : "off")} by default in this team. Change it with `{Usage}`.",
                cancellationToken);
            return;
        }

        if (!await teams.SetAnonymousReflectionsAsync(teamId, allowed.Value, cancellationToken))
        {
            await context.Turn.ReplyAsync("I don't know this team yet — remove and add me again, then try once more.", cancellationToken);
            return;
        }

        await context.Turn.ReplyAsync(
            allowed.Value
                ? "From the next post on, learners in this team can share reflections anonymously: no name is shown to anyone, facilitators included."
                : "From the next post on, reflections in this team show their author's name (drops scheduled with `anonymous` still allow anonymous sharing).",
            cancellationToken);
    }
}
