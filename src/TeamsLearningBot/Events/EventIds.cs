using System.Security.Cryptography;
using System.Text;

namespace TeamsLearningBot.Events;

/// <summary>
/// Event ids for facts that involve two people. Sinks keep an event's id with what it counted for
/// one of them (a marker, an award), so the id must not carry the other person's key: it is a
/// one-way digest of the parts, as stable as they are.
/// </summary>
internal static class EventIds
{
    public static string Of(string kind, params string[] parts)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return kind + "|" + Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
