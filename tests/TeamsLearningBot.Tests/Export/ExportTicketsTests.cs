using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Tab;
using TeamsLearningBot.Tab.Export;

namespace TeamsLearningBot.Tests.Export;

public sealed class ExportTicketsTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero));

    internal static ExportTicket Grant(string team = "19:team-a@thread.tacv2", string oid = "00000000-0000-4000-8000-000000000001", string tid = "72f988bf-86f1-41af-91ab-2d7cd011db47") => new()
    {
        TeamId = team,
        Tag = "feedback",
        From = new DateOnly(2026, 11, 1),
        To = new DateOnly(2026, 12, 3),
        TenantId = tid,
        ObjectId = oid,
        ExpiresAt = default,
    };

    [Fact]
    public void An_issued_ticket_reads_back_with_its_grant_and_a_15_minute_expiry()
    {
        var tickets = Tickets(KeyA);

        var (text, issued) = tickets.Issue(Grant() with { PrivateChannelId = "19:private@thread.tacv2", Item = null });

        Assert.Equal(TicketCheck.Valid, tickets.Read(text, out var read));
        Assert.Equal(issued, read);
        Assert.Equal(time.GetUtcNow().AddMinutes(15), read!.ExpiresAt);
        Assert.Equal(("19:team-a@thread.tacv2", "19:private@thread.tacv2", "feedback"), (read.TeamId, read.PrivateChannelId, read.Tag));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 3)), (read.From, read.To));
        Assert.Equal(("00000000-0000-4000-8000-000000000001", "72f988bf-86f1-41af-91ab-2d7cd011db47"), (read.ObjectId, read.TenantId));
    }

    [Fact]
    public void A_ticket_is_refused_as_expired_once_its_15_minutes_are_over()
    {
        var tickets = Tickets(KeyA);
        var (text, _) = tickets.Issue(Grant());

        time.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));
        Assert.Equal(TicketCheck.Valid, tickets.Read(text, out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TicketCheck.Expired, tickets.Read(text, out _));
    }

    [Fact]
    public void A_ticket_with_any_changed_character_is_refused()
    {
        var tickets = Tickets(KeyA);
        var (text, _) = tickets.Issue(Grant());

        // Every position of the payload and the signature; a changed base64url digit changes the bytes.
        for (var i = 3; i < text.Length; i++)
        {
            if (text[i] == '.')
            {
                continue;
            }

            var changed = text[..i] + (text[i] == 'A' ? 'B' : 'A') + text[(i + 1)..];
            Assert.Equal(TicketCheck.Invalid, tickets.Read(changed, out var read));
            Assert.Null(read);
        }
    }

    [Fact]
    public void A_signature_changed_only_in_base64_s_spare_bits_is_refused()
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var tickets = Tickets(KeyA);
        var (text, _) = tickets.Issue(Grant());

        // 32 bytes are 43 base64url digits, the last carrying 2 unused bits: flipping one decodes to the same bytes.
        var last = text[^1];
        var twin = Alphabet[Alphabet.IndexOf(last, StringComparison.Ordinal) ^ 1];

        Assert.Equal(TicketCheck.Invalid, tickets.Read(text[..^1] + twin, out _));
    }

    [Fact]
    public void A_ticket_whose_payload_was_swapped_for_another_team_is_refused()
    {
        var tickets = Tickets(KeyA);
        var (forA, _) = tickets.Issue(Grant(team: "19:team-a@thread.tacv2"));
        var (forB, _) = tickets.Issue(Grant(team: "19:team-b@thread.tacv2"));

        var parts = forA.Split('.');
        var spliced = parts[0] + "." + forB.Split('.')[1] + "." + parts[2];

        Assert.Equal(TicketCheck.Invalid, tickets.Read(spliced, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1..")]
    [InlineData("v2.eyJ0ZWFtIjoieCJ9.AAAA")]
    [InlineData("v1.eyJ0ZWFtIjoieCJ9.not base64!")]
    [InlineData("v1.a.b.c")]
    public void Anything_that_is_not_a_ticket_is_refused(string? text) =>
        Assert.Equal(TicketCheck.Invalid, Tickets(KeyA).Read(text, out _));

    [Fact]
    public void A_ticket_signed_with_another_key_is_refused_and_an_older_key_of_the_ring_still_counts()
    {
        var (text, _) = Tickets(KeyB).Issue(Grant());

        Assert.Equal(TicketCheck.Invalid, Tickets(KeyA).Read(text, out _));
        Assert.Equal(TicketCheck.Valid, Tickets(KeyA, KeyB).Read(text, out _));
    }

    [Fact]
    public void A_ticket_is_for_the_user_it_was_issued_to_only()
    {
        var ticket = Grant();

        Assert.True(ticket.IsFor(new TabUser(ticket.TenantId, ticket.ObjectId.ToUpperInvariant(), "Megan")));
        Assert.False(ticket.IsFor(new TabUser(ticket.TenantId, "00000000-0000-4000-8000-000000000002", "Megan")));
        Assert.False(ticket.IsFor(new TabUser("0d2f7c4a-1b2c-4d5e-8f90-a1b2c3d4e5f6", ticket.ObjectId, "Megan")));
    }

    [Fact]
    public void Outside_Development_a_missing_key_stops_the_start_with_a_clear_message()
    {
        var result = Validate(Environments.Production);

        Assert.True(result.Failed);
        Assert.Contains("Export:SigningKeys", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'Production'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_or_malformed_key_is_refused_everywhere()
    {
        Assert.True(Validate(Environments.Development, Convert.ToBase64String(new byte[16])).Failed);
        Assert.True(Validate(Environments.Development, "not base64 at all").Failed);
        Assert.True(Validate(Environments.Production, KeyA).Succeeded);
        Assert.True(Validate(Environments.Development).Succeeded);
    }

    private static ValidateOptionsResult Validate(string environment, params string[] keys)
    {
        var options = new ExportOptions();
        foreach (var key in keys)
        {
            options.SigningKeys.Add(key);
        }

        return new ExportOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);
    }

    private ExportTickets Tickets(params string[] keys)
    {
        var options = new ExportOptions();
        foreach (var key in keys)
        {
            options.SigningKeys.Add(key);
        }

        return new ExportTickets(new ExportKeyRing(Options.Create(options)), Options.Create(options), time);
    }
}
