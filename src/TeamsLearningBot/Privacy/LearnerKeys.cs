using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Privacy;

/// <summary>
/// One-way learner keys: HMAC-SHA256 of the tenant and the user's stable id under a secret. They
/// let the bot de-duplicate and count anonymous contributions without storing who made them.
/// </summary>
public sealed class LearnerKeys(IOptions<PrivacyOptions> options)
{
    private const string DefaultSecret = "TeamsLearningBot learner key";

    public string For(string tenantId, string userId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var secret = Encoding.UTF8.GetBytes(string.IsNullOrEmpty(options.Value.PseudonymSecret) ? DefaultSecret : options.Value.PseudonymSecret);
        var hash = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(tenantId.ToUpperInvariant() + "\n" + userId));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
