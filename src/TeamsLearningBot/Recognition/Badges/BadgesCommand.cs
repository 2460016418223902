using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary><c>badges</c>: the catalogue with this team's state and thresholds; for everyone.</summary>
public sealed class BadgesCommand(BadgeCatalogue catalogue, BadgeSettingsStore settings) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var community = BadgeCommunity.Of(context.Activity);
        var current = community is null ? BadgeSettings.Defaults : await settings.GetAsync(community, cancellationToken);
        await context.Turn.ReplyAsync(BadgesCard.Build(catalogue, current, inTeam: context.Scope == CommandScopes.Team), cancellationToken);
    }
}
