using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>
/// OpenID metadata plus the channel endorsements of each signing key. Kept in one object so that
/// the keys and their endorsements are cached and refreshed together.
/// </summary>
internal sealed class EndorsedOpenIdConfiguration(string metadataJson) : OpenIdConnectConfiguration(metadataJson)
{
    /// <summary>kid → the channels the key is endorsed for. Keys without an endorsements array are absent.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements { get; private set; } =
        new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);

    /// <summary>Reads <c>keys[*].kid</c> and <c>keys[*].endorsements</c>, which the key parser drops.</summary>
    public void ReadEndorsements(string jwksJson)
    {
        var map = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwksJson);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("keys", out var keys)
            && keys.ValueKind == JsonValueKind.Array)
        {
            foreach (var key in keys.EnumerateArray())
            {
                if (key.ValueKind != JsonValueKind.Object
                    || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                    || !key.TryGetProperty("endorsements", out var endorsements) || endorsements.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                map[kid.GetString()!] = endorsements.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .ToHashSet(StringComparer.Ordinal);
            }
        }

        Endorsements = map;
    }
}
