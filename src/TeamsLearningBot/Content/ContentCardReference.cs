using System.Globalization;

namespace TeamsLearningBot.Content;

/// <summary>
/// Which drop, occurrence and channel a content card belongs to. It travels in the card's submit
/// data, so an answer from the card finds its drop without any lookup.
/// </summary>
public sealed record ContentCardReference(string TeamId, int DropNumber, string OccurrenceId, string ChannelId)
{
    public string DropId => "D" + DropNumber.ToString(CultureInfo.InvariantCulture);
}
