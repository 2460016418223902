using System.Globalization;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// The nudge: the drop's card (title, why it matters) with its prompt and the reflection form right
/// here — a rating alone is enough, and "share anonymously" where the drop allows it — then a line
/// on why sharing matters, "Not now", "Stop these" and how to stop or start them by command.
/// </summary>
public static class NudgeCard
{
    public const string WhyItMatters = "What you noticed helps the rest of the team: a sentence, or just a rating, tells your facilitators what is worth their time.";

    private static readonly (string Title, string Value)[] RatingChoices =
    [
        ("5 — very relevant", "5"),
        ("4", "4"),
        ("3", "3"),
        ("2", "2"),
        ("1 — not relevant", "1"),
    ];

    public static AdaptiveCard Build(NudgeJob job, NudgeVariant variant, WhatChanged changed, string? problem = null, string? keptText = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(changed);
        var card = ContentCard.Build(new ContentCardModel
        {
            Item = job.Item,
            Prompt = null,
            Reference = new ContentCardReference(job.TeamId, job.DropNumber, job.OccurrenceId, job.ChannelId),
            Anonymous = job.Anonymous,
        });
        if (variant == NudgeVariant.MissedYou)
        {
            var facts = new List<(string, string)>();
            if (changed.NewItems.Count > 0)
            {
                facts.Add(("New on " + string.Join(", ", changed.Tags.Select(t => "#" + t)), string.Join("; ", changed.NewItems)));
            }

            if (changed.KudosReceived > 0)
            {
                facts.Add(("Kudos you received", changed.KudosReceived.ToString(CultureInfo.InvariantCulture)));
            }

            if (facts.Count > 0)
            {
                card.Add(CardElement.Container([CardElement.Text("Since you last shared", TextStyle.Heading), CardElement.Facts(facts)], separator: true));
            }
        }

        var data = new NudgeActionData(job.TeamId, job.DropNumber, job.OccurrenceId);
        var form = new List<CardElement>();
        if (!string.IsNullOrWhiteSpace(job.Prompt))
        {
            form.Add(CardElement.Text("Reflect", TextStyle.Heading));
            form.Add(CardElement.Text(job.Prompt));
        }

        if (problem is not null)
        {
            form.Add(CardElement.Text(problem, TextStyle.Warning));
        }

        form.Add(CardElement.TextInput(ReflectionVerbs.TextInput, "Your reflection (optional)", value: keptText, placeholder: "One sentence is plenty.", multiline: true, maxLength: ReflectionText.MaxLength));
        form.Add(CardElement.ChoiceInput(ReflectionVerbs.RatingInput, "Or just rate it: how relevant is this to your work?", RatingChoices));
        if (job.Anonymous)
        {
            form.Add(CardElement.Toggle(ReflectionVerbs.AnonymousInput, "Share anonymously (no name shown to anyone, facilitators included)", true));
        }

        form.Add(CardElement.Actions(CardAction.Execute("Share", NudgeVerbs.Reflect, data)));
        card.Add(CardElement.Container(form, style: "emphasis", separator: true));
        card.Add(CardElement.Text(WhyItMatters, TextStyle.Subtle));
        card.Add(CardElement.Actions(
            CardAction.Execute("Not now", NudgeVerbs.NotNow, data),
            CardAction.Execute("Stop these", NudgeVerbs.Stop, data)));
        card.Add(CardElement.Text("\"Not now\" pauses these for two weeks. Type `stop nudges` or `start nudges` here any time.", TextStyle.Subtle));
        return card;
    }

    /// <summary>The message's text above the card: who it is from and why they are hearing from the bot.</summary>
    public static string Intro(NudgeJob job, NudgeVariant variant)
    {
        ArgumentNullException.ThrowIfNull(job);
        var team = job.TeamName ?? "your team";
        return variant == NudgeVariant.MissedYou
            ? $"We missed your voice in {team}. You shared with the team before, and it helped — here is this week's drop, if you have a minute."
            : $"A minute for this week's drop in {team}? You can answer right here.";
    }

    /// <summary>The answer to a Share from the nudge: the card becomes a thank-you.</summary>
    public static AdaptiveCard Thanks(string title, bool reflected) => new AdaptiveCard()
        .Add(CardElement.Text(title, TextStyle.Heading))
        .Add(CardElement.Text(reflected ? "Thanks — your reflection is in the drop's thread." : "Thanks — your rating is in.", TextStyle.Good));

    public static AdaptiveCard Snoozed(int days) => new AdaptiveCard()
        .Add(CardElement.Text($"No problem — no nudges for {days.ToString(CultureInfo.InvariantCulture)} days.", TextStyle.Good))
        .Add(CardElement.Text("Type `stop nudges` to stop them for good.", TextStyle.Subtle));

    public static AdaptiveCard Stopped() => new AdaptiveCard()
        .Add(CardElement.Text(StopMessage, TextStyle.Good))
        .Add(CardElement.Text("Type `start nudges` if you want them back.", TextStyle.Subtle));

    public const string StopMessage = "Done — no more nudges from me, in any team.";

    public const string AutoStopMessage = "I've nudged you a few times without hearing back, so I'll stop here — no more nudges from me, in any team. The drops stay in your channels whenever you want them; type `start nudges` if you'd like these reminders back.";
}

public enum NudgeVariant
{
    /// <summary>Someone who has not contributed yet: an easy way in.</summary>
    GettingStarted,

    /// <summary>Someone who contributed in the period before and went quiet: what changed since.</summary>
    MissedYou,
}

/// <summary>For a "we missed your voice" nudge: new items on the tags the person engaged with, and kudos they received, since they went quiet.</summary>
public sealed record WhatChanged(IReadOnlyList<string> NewItems, IReadOnlyList<string> Tags, int KudosReceived)
{
    public static WhatChanged Nothing { get; } = new([], [], 0);
}
