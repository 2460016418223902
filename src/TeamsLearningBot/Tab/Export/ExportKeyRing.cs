using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// The HMAC-SHA256 keys of export links: the configured ones, or in Development (when none is
/// configured) one generated for the process, so a local run needs no setup. Links then last only
/// as long as the process, which is all a 15-minute link needs.
/// </summary>
public sealed class ExportKeyRing
{
    private readonly byte[][] keys;

    public ExportKeyRing(IOptions<ExportOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.SigningKeys.Select(Decode).OfType<byte[]>().ToArray();
        keys = configured.Length > 0 ? configured : [RandomNumberGenerator.GetBytes(32)];
    }

    public byte[] Current => keys[0];

    public IReadOnlyList<byte[]> All => keys;

    public static byte[]? Decode(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
