using System.Text;
using Microsoft.IdentityModel.Tokens;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Authentication;

namespace TeamsLearningBot.Protocol.Tests.Authentication;

/// <summary>Bot Framework channel tokens (PROTOCOL §1.1) against keys served from loopback.</summary>
public sealed class BotAuthenticatorTests(MetadataServer server) : IClassFixture<MetadataServer>
{
    private static readonly Activity TeamsMessage = new()
    {
        Type = ActivityTypes.Message,
        ChannelId = "msteams",
        ServiceUrl = TestTokens.ServiceUrl,
        Text = "hello",
    };

    [Fact]
    public async Task A_valid_channel_token_passes_and_the_identity_carries_its_claims()
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.Teams.Credentials(), claims: new Dictionary<string, object> { ["appid"] = "channel-app" });

        var result = await authenticator.AuthenticateAsync("Bearer " + token, TeamsMessage, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(BotOptions.BotFrameworkTokenIssuer, result.Identity!.FindFirst("iss")?.Value);
        Assert.Equal(TestTokens.AppId, result.Identity.FindFirst("aud")?.Value);
        Assert.Equal(TestTokens.ServiceUrl, result.Identity.FindFirst(BotAuthenticator.ServiceUrlClaim)?.Value);
        Assert.Equal("channel-app", result.Identity.FindFirst("appid")?.Value);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task RS384_and_RS512_are_accepted(string algorithm)
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.Teams.Credentials(algorithm));

        var result = await Authenticate(authenticator, token);

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task The_serviceurl_comparison_ignores_case()
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.Teams.Credentials(), serviceUrl: TestTokens.ServiceUrl.ToUpperInvariant());

        var result = await Authenticate(authenticator, token);

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task An_empty_channelId_passes_the_endorsement_check()
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.WebChatOnly.Credentials());

        var result = await Authenticate(authenticator, token, TeamsMessage with { ChannelId = null });

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_rejected_without_fetching_keys()
    {
        var (authenticator, set) = Setup();
        var token = TestTokens.Create(TestSigningKey.Teams.Credentials(), issuer: "https://api.botframework.evil");

        var result = await Authenticate(authenticator, token);

        Assert.False(result.Succeeded);
        Assert.Contains("issuer", result.FailureReason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, server.JwksFetches(set));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_rejected()
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.Teams.Credentials(), audience: "another-bot");

        var result = await Authenticate(authenticator, token);

        Assert.False(result.Succeeded);
        Assert.Contains("IDX10214", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-60, -6, "expired")]
    [InlineData(6, 60, "not valid before")]
    public async Task A_token_outside_its_lifetime_by_more_than_the_five_minute_skew_is_rejected(int notBeforeMinutes, int expiresMinutes, string reason)
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.Teams.Credentials(), notBefore: TestTokens.Now.AddMinutes(notBeforeMinutes), expires: TestTokens.Now.AddMinutes(expiresMinutes));

        var result = await Authenticate(authenticator, token);

        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_expired_within_the_skew_passes()
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.Teams.Credentials(), notBefore: TestTokens.Now.AddHours(-1), expires: TestTokens.Now.AddMinutes(-4));

        var result = await Authenticate(authenticator, token);

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_with_a_published_kid_is_rejected()
    {
        var (authenticator, _) = Setup();
        var impostor = TestSigningKey.Other(TestSigningKey.Teams.Kid, "msteams");
        var token = TestTokens.Create(impostor.Credentials());

        var result = await Authenticate(authenticator, token);

        Assert.False(result.Succeeded);
        Assert.Contains("IDX10511", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_token_is_rejected()
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(credentials: null);
        Assert.Contains("\"alg\":\"none\"", Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[0])), StringComparison.Ordinal);

        var result = await Authenticate(authenticator, token);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_PS256_token_from_a_published_RSA_key_is_rejected_by_the_algorithm_list()
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.Teams.Credentials(SecurityAlgorithms.RsaSsaPssSha256));

        var result = await Authenticate(authenticator, token);

        // The RSA signature itself is valid; only the RS256/RS384/RS512 list refuses it.
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task An_HS256_token_is_rejected_even_with_a_published_kid()
    {
        var (authenticator, _) = Setup();
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("dummy-secret-key-dummy-secret-key!")) { KeyId = TestSigningKey.Teams.Kid };
        var token = TestTokens.Create(new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));

        var result = await Authenticate(authenticator, token);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_token_signed_with_an_unknown_kid_is_rejected_after_one_refresh()
    {
        var (authenticator, set) = Setup();
        var stranger = TestSigningKey.Other("unknown-key", "msteams");

        var result = await Authenticate(authenticator, TestTokens.Create(stranger.Credentials()));

        Assert.False(result.Succeeded);
        Assert.Equal(2, server.JwksFetches(set));
    }

    [Fact]
    public async Task A_key_rotated_into_the_JWKS_after_the_first_fetch_is_found_by_a_refresh()
    {
        var (authenticator, set) = Setup();
        Assert.True((await Authenticate(authenticator, TestTokens.Create(TestSigningKey.Teams.Credentials()))).Succeeded);
        Assert.Equal(1, server.JwksFetches(set));

        var rotated = TestSigningKey.Other("rotated-key", "msteams");
        server.AddKey(set, rotated);
        var result = await Authenticate(authenticator, TestTokens.Create(rotated.Credentials()));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, server.JwksFetches(set));
    }

    [Fact]
    public async Task Forced_refreshes_are_spaced_so_forged_kids_cannot_cause_a_fetch_per_request()
    {
        var (authenticator, set) = Setup();
        var stranger = TestSigningKey.Other("unknown-key", "msteams");

        await Authenticate(authenticator, TestTokens.Create(stranger.Credentials()));

        // Past the metadata library's own one-second floor, so only the bot's spacing holds it back.
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        await Authenticate(authenticator, TestTokens.Create(stranger.Credentials()));

        Assert.Equal(2, server.JwksFetches(set));
    }

    [Fact]
    public async Task A_key_not_endorsed_for_msteams_is_rejected()
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.WebChatOnly.Credentials());

        var result = await Authenticate(authenticator, token);

        Assert.False(result.Succeeded);
        Assert.Contains("endorsement for key", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_without_endorsements_is_rejected()
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.Unendorsed.Credentials());

        var result = await Authenticate(authenticator, token);

        Assert.False(result.Succeeded);
        Assert.Equal("Could not validate endorsement key.", result.FailureReason);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "serviceurl claim mismatch.")]
    [InlineData(null, "Missing serviceurl claim.")]
    public async Task A_serviceurl_claim_that_differs_from_the_activity_or_is_missing_is_rejected(string? serviceUrl, string reason)
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.Teams.Credentials(), serviceUrl: serviceUrl);

        var result = await Authenticate(authenticator, token);

        Assert.False(result.Succeeded);
        Assert.Equal(reason, result.FailureReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task A_request_without_a_header_is_rejected_when_an_app_id_is_configured(string? header)
    {
        var (authenticator, _) = Setup();

        var result = await authenticator.AuthenticateAsync(header, TeamsMessage, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal("No Authorization header.", result.FailureReason);
    }

    [Theory]
    [InlineData("bearer ")]
    [InlineData("Basic ")]
    [InlineData("Bearer  ")]
    [InlineData("")]
    public async Task A_header_with_another_scheme_is_rejected(string prefix)
    {
        var (authenticator, _) = Setup();
        var token = TestTokens.Create(TestSigningKey.Teams.Credentials());

        var result = await authenticator.AuthenticateAsync(prefix + token, TeamsMessage, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")]
    public async Task A_malformed_token_is_rejected(string token)
    {
        var (authenticator, set) = Setup();

        var result = await Authenticate(authenticator, token);

        Assert.False(result.Succeeded);
        Assert.Equal(0, server.JwksFetches(set));
    }

    [Fact]
    public async Task Without_an_app_id_a_request_with_a_token_is_rejected()
    {
        var authenticator = AuthenticatorFactory.Create(new BotOptions());

        var result = await Authenticate(authenticator, TestTokens.Create(TestSigningKey.Teams.Credentials()));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Without_an_app_id_a_request_without_a_header_is_anonymous()
    {
        var authenticator = AuthenticatorFactory.Create(new BotOptions());

        var result = await authenticator.AuthenticateAsync(null, TeamsMessage, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Identity!.Claims);
    }

    private (BotAuthenticator Authenticator, string KeySet) Setup()
    {
        var set = server.AddKeySet(TestSigningKey.Teams, TestSigningKey.WebChatOnly, TestSigningKey.Unendorsed);
        var options = new BotOptions
        {
            MicrosoftAppId = TestTokens.AppId,
            MicrosoftAppPassword = "secret",
            ToBotFromChannelOpenIdMetadataUrl = server.ChannelMetadataUrl(set),
        };
        return (AuthenticatorFactory.Create(options), set);
    }

    private static Task<BotAuthenticationResult> Authenticate(BotAuthenticator authenticator, string token, Activity? activity = null) =>
        authenticator.AuthenticateAsync("Bearer " + token, activity ?? TeamsMessage, TestContext.Current.CancellationToken);
}
