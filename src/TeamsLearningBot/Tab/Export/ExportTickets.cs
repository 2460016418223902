using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// Issues and reads export tickets: <c>v1.{payload}.{signature}</c>, the payload base64url JSON and
/// the signature HMAC-SHA256 over <c>v1.{payload}</c> with the key ring's current key. Nothing is
/// stored: the signature is what makes a ticket, so any instance can check it. Nothing in the
/// payload is read before the signature matched.
/// </summary>
public sealed class ExportTickets(ExportKeyRing keys, IOptions<ExportOptions> options, TimeProvider time)
{
    private const string Version = "v1";
    private const int MaxLength = 4096;
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public TimeSpan Lifetime => options.Value.LinkLifetime;

    /// <summary>How long a direct ticket (<see cref="ExportTicket.Direct"/>) lasts: the tab uses it at once.</summary>
    public static readonly TimeSpan DirectLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A ticket for <paramref name="ticket"/>'s grant, expiring <see cref="Lifetime"/> from now, or
    /// <see cref="DirectLifetime"/> for a direct one (its own expiry is replaced).
    /// </summary>
    public (string Text, ExportTicket Ticket) Issue(ExportTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var issued = ticket with { ExpiresAt = TruncateToSeconds(time.GetUtcNow() + (ticket.Direct ? DirectLifetime : Lifetime)) };
        var payload = new Payload(
            issued.TeamId,
            issued.PrivateChannelId,
            issued.Tag,
            issued.Item,
            issued.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            issued.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            issued.TenantId,
            issued.ObjectId,
            issued.ExpiresAt.ToUnixTimeSeconds(),
            issued.Direct ? true : null);
        var signed = Version + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, Json));
        return (signed + "." + Base64Url.EncodeToString(Sign(keys.Current, signed)), issued);
    }

    public TicketCheck Read(string? text, out ExportTicket? ticket)
    {
        ticket = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return TicketCheck.Invalid;
        }

        var parts = text.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            return TicketCheck.Invalid;
        }

        // The signature's text is compared, not its decoded bytes: base64 has spare bits, so two texts can decode alike.
        var signed = parts[0] + "." + parts[1];
        var signature = Encoding.UTF8.GetBytes(parts[2]);
        if (!keys.All.Any(key => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Base64Url.EncodeToString(Sign(key, signed))), signature)))
        {
            return TicketCheck.Invalid;
        }

        if (!TryDecode(parts[1], out var json) || Parse(json) is not { } read)
        {
            return TicketCheck.Invalid;
        }

        ticket = read;
        return time.GetUtcNow() >= read.ExpiresAt ? TicketCheck.Expired : TicketCheck.Valid;
    }

    private static ExportTicket? Parse(byte[] json)
    {
        try
        {
            var p = JsonSerializer.Deserialize<Payload>(json, Json);
            if (p is null || string.IsNullOrEmpty(p.Team) || string.IsNullOrEmpty(p.Tid) || string.IsNullOrEmpty(p.Oid)
                || !DateOnly.TryParseExact(p.From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !DateOnly.TryParseExact(p.To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            {
                return null;
            }

            return new ExportTicket
            {
                TeamId = p.Team,
                PrivateChannelId = p.Channel,
                Tag = p.Tag,
                Item = p.Item,
                From = from,
                To = to,
                TenantId = p.Tid,
                ObjectId = p.Oid,
                ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(p.Exp),
                Direct = p.Direct == true,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Sign(byte[] key, string signed) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed));

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (!Base64Url.IsValid(text))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    private sealed record Payload(
        [property: JsonPropertyName("team")] string Team,
        [property: JsonPropertyName("ch")] string? Channel,
        [property: JsonPropertyName("tag")] string? Tag,
        [property: JsonPropertyName("item")] int? Item,
        [property: JsonPropertyName("from")] string From,
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("tid")] string Tid,
        [property: JsonPropertyName("oid")] string Oid,
        [property: JsonPropertyName("exp")] long Exp,
        [property: JsonPropertyName("dl")] bool? Direct);
}

/// <summary>What reading an export link's ticket found.</summary>
public enum TicketCheck
{
    Valid,

    /// <summary>Not a ticket, or its signature does not match (changed, or signed with another key).</summary>
    Invalid,

    Expired,
}
