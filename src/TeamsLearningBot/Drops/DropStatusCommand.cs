using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Drops;

/// <summary><c>drop status D4</c>: how each channel's post of the latest occurrences went.</summary>
public sealed class DropStatusCommand(DropStore drops, PostStore posts, DropPlanner planner, DropSummaryReader views) : ICommandHandler
{
    private const int Occurrences = 3;

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await context.ParseDropIdAsync(cancellationToken) is not { } number)
        {
            return;
        }

        var teamId = context.Activity.TeamId!;
        var drop = await drops.GetAsync(teamId, number, cancellationToken);
        if (drop is null)
        {
            await context.ReplyNoSuchDropAsync(number, cancellationToken);
            return;
        }

        var zone = drop.TimeZone is null ? await planner.TeamZoneAsync(teamId, cancellationToken) : TimeZones.FindOrUtc(drop.TimeZone);
        var recent = await posts.ListRecentAsync(teamId, number, DropSummaryReader.ChannelsOf(drop), Occurrences, cancellationToken);
        await context.Turn.ReplyAsync(DropCard.Status(drop, await views.DescribeWhatAsync(drop, cancellationToken), zone, recent), cancellationToken);
    }
}
