using System.Net;

namespace TeamsLearningBot.Protocol.Activities;

/// <summary>Reading and writing Teams @mentions.</summary>
public static class Mentions
{
    /// <summary>
    /// The message text with every mention of the bot (the activity's recipient) removed and the
    /// rest trimmed, so "&lt;at&gt;Bot&lt;/at&gt; help" reads "help".
    /// </summary>
    public static string TextWithoutBotMention(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;
        foreach (var mention in activity.MentionEntities())
        {
            if (botId is null || !string.Equals(mention.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var markup = mention.Text ?? $"<at>{mention.Mentioned?.Name}</at>";
            text = text.Replace(markup, string.Empty, StringComparison.OrdinalIgnoreCase);
        }

        return text.Replace("&nbsp;", " ", StringComparison.Ordinal).Trim();
    }

    /// <summary>The mention entities of the activity.</summary>
    public static IEnumerable<Entity> MentionEntities(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Entities?.Where(e => e.Type == Entity.MentionType && e.Mentioned is not null) ?? [];
    }

    /// <summary>The people mentioned in the activity, other than the bot itself.</summary>
    public static IEnumerable<ChannelAccount> MentionedUsers(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var botId = activity.Recipient?.Id;
        return activity.MentionEntities()
            .Select(e => e.Mentioned!)
            .Where(m => !string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(m => m.Id);
    }

    /// <summary>
    /// Markup and entity for mentioning <paramref name="who"/> in an outgoing message: put the
    /// markup in the text and the entity in <c>entities</c>. The name is XML-encoded.
    /// </summary>
    public static (string Markup, Entity Entity) Create(ChannelAccount who)
    {
        ArgumentNullException.ThrowIfNull(who);
        var markup = $"<at>{WebUtility.HtmlEncode(who.Name ?? who.Id)}</at>";
        return (markup, Entity.Mention(new ChannelAccount { Id = who.Id, Name = who.Name }, markup));
    }
}
