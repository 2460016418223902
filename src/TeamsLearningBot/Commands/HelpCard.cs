using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Commands;

/// <summary>The help card: every command usable where the user is, learners' first.</summary>
public static class HelpCard
{
    private const int MaxEchoLength = 80;

    // The plain card depends only on the (fixed) command table and the scope, so each is built once;
    // an attachment's content is an immutable JsonElement and safe to send any number of times.
    private static readonly ConditionalWeakTable<CommandCatalog, ConcurrentDictionary<CommandScopes, Attachment>> Built = [];

    public static Attachment Build(CommandCatalog catalog, CommandScopes scope, string? notUnderstood = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return notUnderstood is null
            ? Built.GetOrCreateValue(catalog).GetOrAdd(scope, static (s, c) => Create(c, s, null), catalog)
            : Create(catalog, scope, notUnderstood);
    }

    private static Attachment Create(CommandCatalog catalog, CommandScopes scope, string? notUnderstood)
    {
        var card = new AdaptiveCard();
        if (notUnderstood is not null)
        {
            var echo = notUnderstood.Length > MaxEchoLength ? notUnderstood[..MaxEchoLength] + "…" : notUnderstood;
            card.Add(CardElement.Text(
                string.IsNullOrWhiteSpace(echo) ? "I didn't catch a command there." : $"I didn't understand \u201C{echo}\u201D.",
                TextStyle.Warning));
            card.Add(CardElement.Text("Here is what I can do — type one of these:", TextStyle.Subtle));
        }
        else
        {
            card.Add(CardElement.Text("TeamsLearningBot", TextStyle.Title));
            card.Add(CardElement.Text("Learning from and with each other, in the flow of work: short curated content, an open question, and your reflections.", TextStyle.Subtle));
        }

        var here = catalog.All.Where(c => (c.Scopes & scope) != 0).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        AddSection(card, "For everyone", here.Where(c => c.Audience == CommandAudience.Everyone));
        AddSection(card, "For facilitators", here.Where(c => c.Audience == CommandAudience.Facilitators));
        if (scope != CommandScopes.Personal)
        {
            card.Add(CardElement.Text("In a channel or group chat, @mention me first.", TextStyle.Subtle));
        }

        return card.ToAttachment();
    }

    private static void AddSection(AdaptiveCard card, string heading, IEnumerable<BotCommand> commands)
    {
        var facts = commands.Select(c => (c.Usage, c.Description)).ToList();
        if (facts.Count == 0)
        {
            return;
        }

        card.Add(CardElement.Text(heading, TextStyle.Heading));
        card.Add(CardElement.Facts(facts));
    }
}
