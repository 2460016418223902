using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// Reads <c>kudos @a @b for &lt;reason&gt;</c> from the text Teams sent, with its mention entities.
/// The receivers are the mentions right after the command word (after an optional "to", separated
/// by spaces, commas, "and" or "&amp;"), so a colleague named inside the reason is not a receiver; the reason is what
/// follows, after an optional "for". The bot's own mention is the command prefix wherever it
/// stands, unless it is among the receivers.
/// </summary>
public static class KudosParser
{
    private const string CommandWord = "kudos";
    private static readonly string[] Separators = [",", "&amp;", "&", "and "];
    private static readonly char[] Leading = [' ', '\t', '\n', ':', '-', '\u2013', '\u2014'];

    public static KudosRequest Parse(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = (activity.Text ?? string.Empty).Replace("&nbsp;", " ", StringComparison.OrdinalIgnoreCase).Replace('\u00A0', ' ');
        var botId = activity.Recipient?.Id;
        var unread = activity.MentionEntities().Select(e => (Markup: e.Text ?? $"<at>{e.Mentioned!.Name}</at>", Who: e.Mentioned!)).ToList();
        bool IsBot(ChannelAccount who) => botId is not null && string.Equals(who.Id, botId, StringComparison.OrdinalIgnoreCase);

        var at = SkipSpace(text, 0);
        while (TakeMention(text, at, unread, IsBot) is { } prefix)
        {
            at = SkipSpace(text, prefix.End);
        }

        if (!StartsWithWord(text, at, CommandWord))
        {
            return new KudosRequest { People = [], Reason = string.Empty };
        }

        at += CommandWord.Length;
        var named = new List<ChannelAccount>();
        while (true)
        {
            var next = SkipSpace(text, at);
            var afterSeparator = named.Count > 0 ? SkipSeparator(text, next)
                : StartsWithWord(text, next, "to") ? SkipSpace(text, next + 2)
                : next;
            if (TakeMention(text, afterSeparator, unread, _ => true) is not { } mention)
            {
                at = next;
                break;
            }

            named.Add(mention.Who);
            at = mention.End;
        }

        // Whatever still names the bot (a mention at the end of the message) is its prefix, not words of the reason.
        var rest = text[at..];
        foreach (var (markup, who) in unread.Where(m => IsBot(m.Who)))
        {
            rest = rest.Replace(markup, " ", StringComparison.OrdinalIgnoreCase);
        }

        return new KudosRequest
        {
            People = [.. named.Where(IsPerson).DistinctBy(p => p.Id, StringComparer.OrdinalIgnoreCase)],
            Reason = Reason(rest),
            NamesBot = named.Any(IsBot),
            NamesNonPerson = named.Any(p => !IsBot(p) && !IsPerson(p)),
        };
    }

    /// <summary>A Teams user (<c>29:…</c> and the like); not an app (<c>28:…</c>), a channel, team or tag (<c>19:…</c>).</summary>
    private static bool IsPerson(ChannelAccount who) =>
        !string.IsNullOrEmpty(who.Id)
        && !who.Id.StartsWith("28:", StringComparison.Ordinal)
        && !who.Id.StartsWith("19:", StringComparison.Ordinal);

    private static string Reason(string rest)
    {
        var reason = ReflectionText.FromTeamsMessage(rest).TrimStart(Leading);
        if (StartsWithWord(reason, 0, "for"))
        {
            reason = reason[3..];
        }

        return reason.TrimStart(Leading).Trim();
    }

    private static (ChannelAccount Who, int End)? TakeMention(string text, int at, List<(string Markup, ChannelAccount Who)> unread, Func<ChannelAccount, bool> accept)
    {
        // In order of appearance: two people with the same display name have the same markup.
        var index = unread.FindIndex(m => accept(m.Who) && string.Compare(text, at, m.Markup, 0, m.Markup.Length, StringComparison.OrdinalIgnoreCase) == 0 && at + m.Markup.Length <= text.Length);
        if (index < 0)
        {
            return null;
        }

        var (markup, who) = unread[index];
        unread.RemoveAt(index);
        return (who, at + markup.Length);
    }

    private static int SkipSeparator(string text, int at)
    {
        foreach (var separator in Separators)
        {
            if (string.Compare(text, at, separator, 0, separator.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return SkipSpace(text, at + separator.Length);
            }
        }

        return at;
    }

    private static int SkipSpace(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }

    private static bool StartsWithWord(string text, int at, string word) =>
        string.Compare(text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && at + word.Length <= text.Length
        && (at + word.Length == text.Length || !char.IsLetterOrDigit(text[at + word.Length]));
}

/// <summary>A <c>kudos</c> message as written: whom it names and why, before anything is checked.</summary>
public sealed record KudosRequest
{
    /// <summary>The people named right after the command word, in order, each once.</summary>
    public required IReadOnlyList<ChannelAccount> People { get; init; }

    /// <summary>The reason as plain text (mentions inside it read as the names they show); empty when missing.</summary>
    public required string Reason { get; init; }

    /// <summary>The bot itself was named as a receiver.</summary>
    public bool NamesBot { get; init; }

    /// <summary>Something that is not a person was named: another app, a channel, a team or a tag.</summary>
    public bool NamesNonPerson { get; init; }
}
