using System.Globalization;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>The short ids people and cards use for suggestions: <c>S3</c>, numbered per team.</summary>
public static class SuggestionIds
{
    public static string Format(int number) => "S" + number.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out int number)
    {
        number = 0;
        var trimmed = text?.Trim() ?? string.Empty;
        return trimmed.Length > 1
            && (trimmed[0] is 'S' or 's')
            && int.TryParse(trimmed.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }
}
