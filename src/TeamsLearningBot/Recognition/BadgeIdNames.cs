using System.Globalization;

namespace TeamsLearningBot.Recognition;

/// <summary>The fallback <see cref="IBadgeNames"/>: the id's words, capitalised ("relevance-rater" → "Relevance Rater").</summary>
public sealed class BadgeIdNames : IBadgeNames
{
    public string NameOf(string badgeId)
    {
        ArgumentNullException.ThrowIfNull(badgeId);
        var words = badgeId.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0
            ? badgeId
            : string.Join(' ', words.Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
    }
}
