using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary><c>badge on &lt;id&gt;</c>: the badge can be earned again in the team.</summary>
public sealed class BadgeOnCommand(BadgeCatalogue catalogue, BadgeSettingsStore settings, BadgeTeamContexts teams) : ICommandHandler
{
    public const string Usage = "badge on <id>";

    public Task HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        BadgeSwitch.SetAsync(context, catalogue, settings, teams, enabled: true, Usage, cancellationToken);
}
