using TeamsLearningBot.Commands;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Drops;

/// <summary>
/// <c>drop C12 now [in #channel]</c>: a one-off due now, through the same queue and delivery
/// records as any scheduled drop, so it is posted once and shows in <c>drop status</c>.
/// </summary>
public sealed class DropNowCommand(ContentStore content, ChannelResolver channels, DropPlanner planner, TimeProvider time) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = DropCommandParser.ParseDropNow(context.Arguments);
        if (!parsed.Succeeded)
        {
            await context.ReplyErrorAsync(parsed.Error, parsed.Usage, cancellationToken);
            return;
        }

        var request = parsed.Value;
        var teamId = context.Activity.TeamId!;
        var item = await content.GetAsync(teamId, request.ContentNumber, cancellationToken);
        if (item is not { Status: ContentStatus.Active })
        {
            await context.ReplyErrorAsync(
                item is null ? $"There is no C{request.ContentNumber} in this team's library. `content list` shows what is there." : $"{item.Id} is archived. Pick an active item (`content list`).",
                [],
                cancellationToken);
            return;
        }

        var where = await channels.ResolveAsync(context.Turn, request.Channels.Count == 0 ? [ChannelReference.Here] : request.Channels, cancellationToken);
        if (!where.Succeeded)
        {
            await context.ReplyErrorAsync(where.Error!, DropCommandParser.DropNowUsage, cancellationToken);
            return;
        }

        var drop = await planner.RunNowAsync(
            new Drop
            {
                TeamId = teamId,
                Number = 0,
                ContentNumber = item.Number,
                Channels = where.Channels,
                Schedule = DropSchedule.Once(time.GetUtcNow(), "now"),
                Anonymous = request.Anonymous,
                CreatedById = context.Activity.From?.Id,
                CreatedByName = context.Activity.From?.Name,
                RequestId = context.Activity.Id,
                CreatedAt = time.GetUtcNow(),
            },
            cancellationToken);
        await context.Turn.ReplyAsync($"Posting {item.Id} \u201C{item.Title}\u201D to {DropCard.Channels(drop.Channels)} now, as {drop.Id}. `drop status {drop.Id}` shows how it went.", cancellationToken);
    }
}
