using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>Turning a badge on or off for a team (<c>badge on</c>, <c>badge off</c>).</summary>
internal static class BadgeSwitch
{
    public static async Task SetAsync(CommandContext context, BadgeCatalogue catalogue, BadgeSettingsStore settings, BadgeTeamContextCache teams, bool enabled, string usage, CancellationToken cancellationToken)
    {
        var teamId = context.Activity.TeamId!;
        var badge = await context.FindOrExplainAsync(catalogue, context.Arguments.Trim(), usage, cancellationToken);
        if (badge is null)
        {
            return;
        }

        var before = true;
        await settings.ChangeAsync(
            teamId,
            context.Activity.From?.Id,
            current =>
            {
                before = current.IsEnabled(badge);
                return current.WithEnabled(badge.Id, enabled);
            },
            cancellationToken);
        teams.Invalidate(teamId);

        var name = $"{badge.Emoji} **{badge.Name}**";
        var text = (before, enabled) switch
        {
            (false, false) => $"{name} was already off in this team. `badge on {badge.Id}` turns it back on.",
            (true, false) => $"{name} is now off in this team: nobody earns it while it is off. Progress still counts, and tiers already earned stay. `badge on {badge.Id}` turns it back on.",
            (true, true) => $"{name} is already on in this team.",
            _ => $"{name} is on again in this team. Anyone whose progress already reached a tier earns it with their next contribution that counts toward it.",
        };
        await context.Turn.ReplyAsync(text, cancellationToken);
    }
}

/// <summary><c>badge on &lt;id&gt;</c>: the badge can be earned again in the team.</summary>
public sealed class BadgeOnCommand(BadgeCatalogue catalogue, BadgeSettingsStore settings, BadgeTeamContextCache teams) : ICommandHandler
{
    public const string Usage = "badge on <id>";

    public Task HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        BadgeSwitch.SetAsync(context, catalogue, settings, teams, enabled: true, Usage, cancellationToken);
}

/// <summary><c>badge off &lt;id&gt;</c>: nobody in the team earns the badge while it is off; progress still counts.</summary>
public sealed class BadgeOffCommand(BadgeCatalogue catalogue, BadgeSettingsStore settings, BadgeTeamContextCache teams) : ICommandHandler
{
    public const string Usage = "badge off <id>";

    public Task HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        BadgeSwitch.SetAsync(context, catalogue, settings, teams, enabled: false, Usage, cancellationToken);
}
