namespace TeamsLearningBot.Drops;

/// <summary>
/// What an action on a drop's card says about the post it sits on: the team (from the activity),
/// the drop and item (from the card's data) and the occurrence (on cards posted since it was put
/// there). Enough to find the delivery of a post whose worker stopped before recording it.
/// </summary>
public sealed record CardOrigin(string TeamId, int DropNumber, string? OccurrenceId, int? ContentNumber)
{
    /// <summary>From a card's <c>drop</c> value (<c>D4</c>); null when the action names no drop of a team.</summary>
    public static CardOrigin? Of(string? teamId, string? drop, string? occurrenceId, int? contentNumber) =>
        !string.IsNullOrEmpty(teamId) && drop is ['D' or 'd', .. var digits]
            && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? new CardOrigin(teamId, number, string.IsNullOrEmpty(occurrenceId) ? null : occurrenceId, contentNumber)
            : null;
}
