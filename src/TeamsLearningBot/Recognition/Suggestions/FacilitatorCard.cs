using System.Security.Cryptography;
using System.Text;
using TeamsLearningBot.Chats;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// The decision card one facilitator was sent for a suggestion, so it can be updated once someone
/// decides. <see cref="Message"/> is null when the facilitator could not be reached. The
/// facilitator is kept as a one-way hash of their id: enough to send each card once, and nothing
/// that names them on a learner's suggestion.
/// </summary>
public sealed record FacilitatorCard(string Recipient, PersonalMessage? Message)
{
    public static FacilitatorCard For(string userId, PersonalMessage? message) => new(RecipientOf(userId), message);

    public static string RecipientOf(string userId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId.ToUpperInvariant())))[..32];
}
