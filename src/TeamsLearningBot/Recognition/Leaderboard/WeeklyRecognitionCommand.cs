using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// <c>weekly recognition [on|off|in #channel]</c>: the team's weekly recognition post, on by
/// default in the General channel. On its own it says when and where the next post goes.
/// </summary>
public sealed class WeeklyRecognitionCommand(
    ContributionStore store,
    WeeklyPlanner planner,
    TeamStore teams,
    ChannelResolver channels) : ICommandHandler
{
    public const string Usage = "weekly recognition on|off|in #channel";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var teamId = context.Activity.TeamId!;
        var team = await teams.GetAsync(teamId, cancellationToken);
        if (team is null)
        {
            await context.ReplyErrorAsync(DropReplies.UnknownTeam, [], cancellationToken);
            return;
        }

        var zone = TimeZones.FindOrUtc(team.TimeZone);
        var tokens = CommandTokenizer.Tokenize(context.Arguments);
        if (tokens.Count == 0)
        {
            await context.Turn.ReplyAsync(Status(await store.GetSettingsAsync(teamId, cancellationToken), zone), cancellationToken);
            return;
        }

        if (tokens.Count == 1 && tokens[0].IsAny("off", "on"))
        {
            var off = tokens[0].Is("off");
            var settings = await store.UpdateSettingsAsync(teamId, s => s with { WeeklyOff = off }, cancellationToken);
            if (!off)
            {
                await planner.EnsurePlannedAsync(teamId, zone, cancellationToken);
                settings = await store.GetSettingsAsync(teamId, cancellationToken) ?? settings;
            }

            await context.Turn.ReplyAsync(
                off ? "The weekly recognition post is off for this team. Turn it back on with `weekly recognition on`." : Status(settings, zone),
                cancellationToken);
            return;
        }

        if (tokens[0].Is("in") && tokens.Count > 1)
        {
            await MoveAsync(context, teamId, tokens.Skip(1).ToList(), zone, cancellationToken);
            return;
        }

        await context.Turn.ReplyAsync(ProblemCard.Build("I can switch the weekly recognition post on or off, or send it to another channel.", usage: Usage), cancellationToken);
    }

    private async Task MoveAsync(CommandContext context, string teamId, List<CommandToken> words, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var name = string.Join(' ', words.Select(w => w.Text)).Trim();
        var reference = !words.Any(w => w.Quoted) && (name.Equals("here", StringComparison.OrdinalIgnoreCase) || name.Equals("this channel", StringComparison.OrdinalIgnoreCase))
            ? ChannelReference.Here
            : new ChannelReference(name.TrimStart('#').Trim());
        var resolution = await channels.ResolveAsync(context.Turn, [reference], cancellationToken);
        if (!resolution.Succeeded)
        {
            await context.Turn.ReplyAsync(ProblemCard.Build(resolution.Error!, usage: Usage), cancellationToken);
            return;
        }

        var channel = resolution.Channels[0];
        var general = channel.Id == teamId;
        var settings = await store.UpdateSettingsAsync(
            teamId,
            s => s with { WeeklyChannelId = general ? null : channel.Id, WeeklyChannelName = general ? null : channel.Name },
            cancellationToken);
        await context.Turn.ReplyAsync(Status(settings, zone), cancellationToken);
    }

    private static string Status(RecognitionSettingsEntity? settings, TimeZoneInfo zone)
    {
        if (settings?.WeeklyOff == true)
        {
            return "The weekly recognition post is off for this team. Turn it on with `weekly recognition on`.";
        }

        var where = settings?.WeeklyChannelName is { } name ? "#" + name : "the General channel";
        var when = settings?.NextWeeklyDueUtc is { } next
            ? $"next on {TimeZones.Describe(next, zone)}"
            : "from the first week with something to tell";
        return $"The weekly recognition post is on: it goes to {where}, {when}, and is skipped in a week with nothing to tell. Change it with `weekly recognition off` or `weekly recognition in #channel`.";
    }
}
