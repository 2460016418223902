using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary><c>badge off &lt;id&gt;</c>: nobody in the team earns the badge while it is off; progress still counts.</summary>
public sealed class BadgeOffCommand(BadgeCatalogue catalogue, BadgeSettingsStore settings, BadgeTeamContexts teams) : ICommandHandler
{
    public const string Usage = "badge off <id>";

    public Task HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        BadgeSwitch.SetAsync(context, catalogue, settings, teams, enabled: false, Usage, cancellationToken);
}
