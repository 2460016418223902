namespace TeamsLearningBot.Recognition;

/// <summary>
/// The name people read for a badge id in the catalogue (<c>point-of-need</c> → "Point of Need").
/// The badge catalogue registers the real names; without it, ids are shown as words.
/// </summary>
public interface IBadgeNames
{
    string NameOf(string badgeId);
}
