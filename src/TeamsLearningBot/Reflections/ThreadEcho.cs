using System.Text;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// The bot's message in a drop's thread that carries reflections shared from the card:
/// "**Alex** reflected: …", or "A colleague reflected: …" when shared anonymously. A burst of
/// reflections shares a message, so the thread stays readable and within Teams' send limits.
/// </summary>
public static class ThreadEcho
{
    public static string Text(IEnumerable<ReflectionEntity> reflections)
    {
        ArgumentNullException.ThrowIfNull(reflections);
        var builder = new StringBuilder();
        foreach (var reflection in reflections)
        {
            if (builder.Length > 0)
            {
                builder.Append("\n\n");
            }

            builder.Append(reflection.Anonymous ? "A colleague" : "**" + ReflectionText.EscapeMarkdown(reflection.AuthorName ?? "Someone") + "**")
                .Append(" reflected: ")
                .Append(ReflectionText.EscapeMarkdown(reflection.Text).Replace("\n", "  \n", StringComparison.Ordinal));
        }

        return builder.ToString();
    }
}
