namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// The decision card one facilitator was sent for a suggestion, so it can be updated once someone
/// decides. <see cref="Message"/> is null when the facilitator could not be reached.
/// </summary>
public sealed record FacilitatorCard(string UserId, PersonalMessage? Message);
