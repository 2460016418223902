using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Installation;

public static class WelcomeCard
{
    public static Attachment ForTeam(string? teamName, string? installerName) => new AdaptiveCard()
        .Add(CardElement.Text($"Hello, {teamName ?? "team"}! 👋", TextStyle.Title))
        .Add(CardElement.Text("I'm TeamsLearningBot. I help this team learn from and with each other, right here: a short, relevant piece of content now and then, an open question to reflect on, and recognition for the people who share what they know."))
        .Add(CardElement.Text(installerName is null
            ? "Whoever added me is this team's first facilitator and can name others."
            : $"**{installerName}** added me and is this team's first facilitator; facilitators can name others."))
        .Add(CardElement.Text("Reply to my posts in their thread, or straight from the card — every reflection helps someone else.", TextStyle.Subtle))
        .AddAction(CardAction.Command("What can you do?", "help"))
        .ToAttachment();

    public static Attachment ForPerson(string? name) => new AdaptiveCard()
        .Add(CardElement.Text(name is null ? "Hi! 👋" : $"Hi {name}! 👋", TextStyle.Title))
        .Add(CardElement.Text("I'm TeamsLearningBot. In your teams I share short, relevant content with an open question; here you can see your recognition, suggest content and manage your privacy."))
        .AddAction(CardAction.Command("What can you do?", "help"))
        .ToAttachment();

    public static Attachment ForGroupChat() => new AdaptiveCard()
        .Add(CardElement.Text("Hello, everyone! 👋", TextStyle.Title))
        .Add(CardElement.Text("I'm TeamsLearningBot. @mention me with a command — for example `help`."))
        .AddAction(CardAction.Command("What can you do?", "help"))
        .ToAttachment();
}
