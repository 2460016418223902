using System.Text.Json;

namespace TeamsLearningBot.Protocol.Activities;

/// <summary>
/// Card buttons of the <c>messageBack</c> kind (<c>data.msteams.type = "messageBack"</c>). Teams
/// posts the button's text as the message text; clients that relay only the card's data — the
/// Microsoft 365 Agents Playground — send no text and the button in <c>value.msteams</c>.
/// </summary>
public static class MessageBack
{
    /// <summary>The text of the <c>messageBack</c> button that sent this message, or null when no such button did.</summary>
    public static string? MessageBackText(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type != ActivityTypes.Message
            || activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("msteams", out var msteams)
            || msteams.ValueKind != JsonValueKind.Object
            || !msteams.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != "messageBack"
            || !msteams.TryGetProperty("text", out var text)
            || text.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(text.GetString()) ? null : text.GetString()!.Trim();
    }
}
