using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Privacy;

/// <summary>The plain-language privacy statement behind <c>privacy</c>, and the question <c>forget me</c> asks first.</summary>
public static class PrivacyCard
{
    /// <summary>The confirmation <c>forget me</c> answers with; its submit (<see cref="ForgetMeHandler"/>) does the erasing.</summary>
    public static Attachment ForgetMeConfirmation() => new AdaptiveCard()
        .Add(CardElement.Text("Forget me?", TextStyle.Title))
        .Add(CardElement.Text("This deletes, in every team of your organisation: your reflections (named and anonymous), your relevance ratings, kudos you gave and received, your badges, your suggestions, your leaderboard points and your profile. Content you added or suggested to a library stays, without your name. This cannot be undone."))
        .AddAction(CardAction.Submit("Yes, forget me", new ForgetMeSubmit(ForgetMeSubmit.ConfirmVerb)))
        .ToAttachment();

    public static Attachment Build() => new AdaptiveCard()
        .Add(CardElement.Text("Your privacy", TextStyle.Title))
        .Add(CardElement.Text("What I store", TextStyle.Heading))
        .Add(CardElement.Facts(
        [
            ("Teams and chats", "Where I'm installed, channel names, who the facilitators are — so I can post and check permissions."),
            ("Content", "The library your facilitators curate, and who added or suggested each item."),
            ("Your words", "Reflections you share on a card or in a drop's thread, with your name — or, if you share anonymously, with only a one-way key."),
            ("Your ratings", "How relevant you rated each item (1–5)."),
            ("Your badges", "Per team, under a one-way key: your badge counts and the badges you earned, and whether you want private messages about them. Only you see your progress; badges earned anonymously are never announced."),
            ("Kudos", "Kudos you give or receive: who, whom, why, where and when. Reactions you add to reflections, with only a one-way key."),
            ("Your suggestions", "Links you suggest, why they help, and the facilitators' decision and note. Only the facilitators and you see them; an approved item names you as its suggester."),
            ("Nudges", "Under a one-way key, across teams: whether you stopped or paused nudges, how many you got this week and whether you answered, the time zone your Teams client reports (so they come in your working hours), and whether I could reach you. Per team, only counts of people nudged and who contributed after reach facilitators, never names."),
            ("Leaderboard", "Per team and day, for 40 days: your points with your name. Anonymous contributions are never counted. The team sees the top 10 of the last 30 days and the weekly recognition post."),
        ]))
        .Add(CardElement.Text("Who can see it", TextStyle.Heading))
        .Add(CardElement.Text("Your team sees what you share in the team, as in any Teams conversation. Facilitators see summaries (who reflected, relevance per item). Anonymous reflections show no name to anyone — not to facilitators, not in exports."))
        .Add(CardElement.Text("How long", TextStyle.Heading))
        .Add(CardElement.Text("Data is kept in your organisation's Azure storage until you ask me to forget you (`forget me`) or an admin removes it. Reflections and kudos are deleted automatically once they are older than the retention period your admins set (one year unless changed); the totals on a card stay, as numbers without names."))
        .Add(CardElement.Text("Nothing from outside your organisation's allowed tenants is processed or stored.", TextStyle.Subtle))
        .ToAttachment();
}
