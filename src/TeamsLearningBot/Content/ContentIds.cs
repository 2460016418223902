using System.Globalization;

namespace TeamsLearningBot.Content;

/// <summary>The short ids people type: <c>C12</c>.</summary>
public static class ContentIds
{
    public static string Format(int number) => "C" + number.ToString(CultureInfo.InvariantCulture);
}
