using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Insights;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// <c>nudges</c>, <c>nudges on</c>, <c>nudges off</c> (facilitators, in a team): switch nudges for
/// the team, and see the settings with how many people were nudged in the last weeks and how many
/// of them contributed within a week after — counts only, under the insights privacy floor.
/// </summary>
public sealed class NudgesCommand(NudgeStore store, IOptions<NudgeOptions> options, IOptions<InsightsOptions> insights, TimeProvider time) : ICommandHandler
{
    public const string Usage = "nudges [on | off]";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var teamId = context.Activity.TeamId!;
        var verb = context.Command.Name.EndsWith(" on", StringComparison.Ordinal) ? true
            : context.Command.Name.EndsWith(" off", StringComparison.Ordinal) ? false
            : (bool?)null;
        if (verb is null && context.Arguments.Length > 0)
        {
            await context.Turn.ReplyAsync(ProblemCard.Build($"I don't know \u201C{context.Arguments}\u201D here.", usage: Usage), cancellationToken);
            return;
        }

        if (verb is { } enabled)
        {
            await store.SetTeamEnabledAsync(teamId, enabled, time.GetUtcNow(), cancellationToken);
            await context.Turn.ReplyAsync(
                enabled
                    ? "Nudges are on for this team: people who haven't contributed yet may get one kind 1:1 reminder a week, in their working hours."
                    : "Nudges are off for this team: nobody here gets a nudge about this team's drops.",
                cancellationToken);
            return;
        }

        await context.Turn.ReplyAsync(await BuildAsync(teamId, cancellationToken), cancellationToken);
    }

    private async Task<Protocol.Activities.Attachment> BuildAsync(string teamId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var firstWeek = InsightsWeeks.Of(now.AddDays(1 - settings.ReportDays));
        var enabledHere = store.IsTeamEnabledAsync(teamId, cancellationToken);
        var log = await store.LogSinceAsync(teamId, firstWeek, cancellationToken);
        var floor = Math.Max(3, insights.Value.MinGroupSize);
        var people = log.Select(PersonOf).ToHashSet(StringComparer.Ordinal);
        var answered = log.Where(r => r.GetDateTimeOffset("AnsweredAt") is not null).Select(PersonOf).ToHashSet(StringComparer.Ordinal);
        var nudged = GroupFigure.Of(people.Count, people.Count, floor);
        var contributed = GroupFigure.Of(answered.Count, people.Count, floor);
        var on = settings.Enabled && await enabledHere;
        var hours = string.Create(CultureInfo.InvariantCulture, $"{settings.WorkdayStart:HH\\:mm}–{settings.WorkdayEnd:HH\\:mm} on {settings.WorkingDays.Replace(",", ", ", StringComparison.Ordinal)}, in each person's own time zone");
        return new AdaptiveCard()
            .Add(CardElement.Text("Nudges", TextStyle.Title))
            .Add(CardElement.Facts(
            [
                ("Nudges here", on ? "on (`nudges off` to stop them)" : "off (`nudges on` to start them)"),
                ("Who", "people in the \u201CNot yet\u201D tier who haven't answered a drop after a day"),
                ("How often", $"at most {settings.MaxPerWeek.ToString(CultureInfo.InvariantCulture)} a week per person, across all teams"),
                ("When", hours),
                ($"Nudged (last {settings.ReportDays.ToString(CultureInfo.InvariantCulture)} days)", nudged.Count is { } n ? n.ToString(CultureInfo.InvariantCulture) : $"fewer than {floor.ToString(CultureInfo.InvariantCulture)}"),
                ($"Contributed within {settings.AnsweredWithinDays.ToString(CultureInfo.InvariantCulture)} days after", contributed.Describe()),
            ]))
            .Add(CardElement.Text("Counts only: nobody is named. People can say \u201CNot now\u201D or stop nudges at any time, and the bot stops on its own after three go unanswered.", TextStyle.Subtle))
            .ToAttachment();
    }

    private static string PersonOf(Azure.Data.Tables.TableEntity row)
    {
        // n|{week}|{learner key}|…
        var parts = row.RowKey.Split('|');
        return parts.Length > 2 ? parts[2] : row.RowKey;
    }
}
