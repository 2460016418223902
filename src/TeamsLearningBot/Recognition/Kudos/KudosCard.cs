using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// The kudos card posted where it was given: who recognised whom and why. Each receiver is a real
/// mention, so Teams notifies them; the giver's words are shown as text, never as markup.
/// </summary>
public static class KudosCard
{
    public static Attachment Build(string? giverName, IReadOnlyList<KudosPerson> receivers, string reason)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        ArgumentNullException.ThrowIfNull(reason);
        var card = new AdaptiveCard();
        var mentions = receivers.Select(r => card.Mention(new ChannelAccount { Id = r.UserId, Name = r.Name ?? "a colleague" })).ToList();
        var giver = ReflectionText.ForCard(giverName ?? "Someone");
        card.Add(CardElement.Text("\U0001F389 Kudos!", TextStyle.Title))
            .Add(CardElement.Text($"**{giver}** recognised {Join(mentions)}"))
            .Add(CardElement.Container([CardElement.Text("\u201C" + ReflectionText.ForCard(reason) + "\u201D")], style: "emphasis"))
            .Add(CardElement.Text("Recognise someone too: @mention me, then kudos @name for what they did.", TextStyle.Subtle));
        return card.ToAttachment();
    }

    /// <summary>What Teams shows in notifications and the activity feed for the card.</summary>
    public static string Summary(string? giverName, IReadOnlyList<KudosPerson> receivers)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        return $"{giverName ?? "Someone"} gave kudos to {Join([.. receivers.Select(r => r.Name ?? "a colleague")])}";
    }

    /// <summary>"A", "A and B", "A, B and C".</summary>
    internal static string Join(IReadOnlyList<string> names) => names.Count switch
    {
        0 => string.Empty,
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };
}
