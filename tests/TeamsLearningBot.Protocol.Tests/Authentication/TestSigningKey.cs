using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace TeamsLearningBot.Protocol.Tests.Authentication;

/// <summary>
/// A signing key published in a JWKS with optional endorsements. Kids share two generated RSA
/// key pairs (generation is the slow part): the published one, and another one that no JWKS
/// serves, for forged or rotated keys.
/// </summary>
public sealed class TestSigningKey
{
    private static readonly RSA[] Pairs = GeneratePairs(2);
    private static readonly RSA PublishedPair = Pairs[0];
    private static readonly RSA OtherPair = Pairs[1];

    private readonly RSA rsa;

    private TestSigningKey(RSA rsa, string kid, string[]? endorsements)
    {
        this.rsa = rsa;
        Kid = kid;
        Endorsements = endorsements;
    }

    public static TestSigningKey Teams { get; } = new(PublishedPair, "teams-key", ["msteams", "webchat"]);

    public static TestSigningKey WebChatOnly { get; } = new(PublishedPair, "webchat-key", ["webchat"]);

    public static TestSigningKey Unendorsed { get; } = new(PublishedPair, "plain-key", null);

    /// <summary>A key from the other key pair, under any kid.</summary>
    public static TestSigningKey Other(string kid, params string[]? endorsements) => new(OtherPair, kid, endorsements);

    public string Kid { get; }

    public string[]? Endorsements { get; }

    // RSA generation takes seconds on a small machine, so both pairs are made at once.
    private static RSA[] GeneratePairs(int count)
    {
        var pairs = new RSA[count];
        Parallel.For(0, count, i =>
        {
            pairs[i] = RSA.Create(2048);
            pairs[i].ExportParameters(includePrivateParameters: false);
        });
        return pairs;
    }

    public SigningCredentials Credentials(string algorithm = SecurityAlgorithms.RsaSha256) =>
        new(new RsaSecurityKey(rsa) { KeyId = Kid }, algorithm);

    /// <summary>The public key as a JWK, shaped like the Bot Framework's (with <c>endorsements</c>).</summary>
    public Dictionary<string, object> ToJwk()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements is not null)
        {
            jwk["endorsements"] = Endorsements;
        }

        return jwk;
    }
}
