using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Learners;

/// <summary>
/// One-way learner keys: HMAC-SHA256 of the tenant and the user's stable id under a secret. They
/// let the bot de-duplicate and count anonymous contributions without storing who made them.
/// Every feature keys learners through this one type, and <c>forget me</c> computes the same keys.
/// </summary>
public sealed class LearnerKeys(IOptions<PrivacyOptions> options)
{
    // Development only: elsewhere PrivacyOptionsValidator refuses to start without a secret.
    private const string DevelopmentSecret = "TeamsLearningBot learner key";

    private readonly byte[] secret = Encoding.UTF8.GetBytes(string.IsNullOrEmpty(options.Value.PseudonymSecret) ? DevelopmentSecret : options.Value.PseudonymSecret);

    public string For(string tenantId, string userId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var hash = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(tenantId.ToUpperInvariant() + "\n" + userId));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The key of an activity's sender (their Entra object id, else their Teams id), or null when it names no one.</summary>
    public string? KeyOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var id = activity.From?.AadObjectId ?? activity.From?.Id;
        return string.IsNullOrEmpty(id) ? null : For(activity.TenantId ?? string.Empty, id);
    }
}
