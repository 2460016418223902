using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Authentication;

namespace TeamsLearningBot.Protocol.Tests.Authentication;

/// <summary>Entra ID tokens for the bot's own tenant (PROTOCOL §1.2), keys served from loopback.</summary>
public sealed class EntraAuthenticationTests(MetadataServer server) : IClassFixture<MetadataServer>
{
    private static readonly Activity Message = new()
    {
        Type = ActivityTypes.Message,
        ChannelId = "msteams",
        ServiceUrl = TestTokens.ServiceUrl,
    };

    [Theory]
    [InlineData(TestTokens.AppId)]
    [InlineData("api://" + TestTokens.AppId)]
    [InlineData("api://botid-" + TestTokens.AppId)]
    public async Task A_v2_token_for_the_configured_tenant_passes(string audience)
    {
        var (authenticator, tenant) = Setup();
        var token = TestTokens.Create(
            TestSigningKey.Unendorsed.Credentials(),
            issuer: $"https://login.microsoftonline.com/{tenant}/v2.0",
            audience: audience,
            serviceUrl: null,
            claims: new Dictionary<string, object> { ["azp"] = "caller-app", ["tid"] = tenant, ["ver"] = "2.0" });

        var result = await authenticator.AuthenticateAsync("Bearer " + token, Message, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("caller-app", result.Identity!.FindFirst("azp")?.Value);
    }

    [Fact]
    public async Task A_v1_token_for_the_configured_tenant_passes()
    {
        var (authenticator, tenant) = Setup();
        var token = TestTokens.Create(TestSigningKey.Unendorsed.Credentials(), issuer: $"https://sts.windows.net/{tenant}/", serviceUrl: null);

        var result = await authenticator.AuthenticateAsync("Bearer " + token, Message, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task A_token_from_another_tenant_is_rejected()
    {
        var (authenticator, tenant) = Setup();
        var otherTenant = server.AddKeySet(TestSigningKey.Unendorsed);
        var token = TestTokens.Create(TestSigningKey.Unendorsed.Credentials(), issuer: $"https://login.microsoftonline.com/{otherTenant}/v2.0", serviceUrl: null);

        var result = await authenticator.AuthenticateAsync("Bearer " + token, Message, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(0, server.JwksFetches(tenant));
        Assert.Equal(0, server.JwksFetches(otherTenant));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_rejected()
    {
        var (authenticator, tenant) = Setup();
        var token = TestTokens.Create(TestSigningKey.Unendorsed.Credentials(), issuer: $"https://login.microsoftonline.com/{tenant}/v2.0", audience: "api://another-app", serviceUrl: null);

        var result = await authenticator.AuthenticateAsync("Bearer " + token, Message, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Without_a_tenant_the_Entra_path_is_closed()
    {
        var tenant = server.AddKeySet(TestSigningKey.Unendorsed);
        var authenticator = AuthenticatorFactory.Create(new BotOptions { MicrosoftAppId = TestTokens.AppId, EntraMetadataBaseUrl = server.BaseAddress });
        var token = TestTokens.Create(TestSigningKey.Unendorsed.Credentials(), issuer: $"https://login.microsoftonline.com/{tenant}/v2.0", serviceUrl: null);

        var result = await authenticator.AuthenticateAsync("Bearer " + token, Message, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
    }

    private (BotAuthenticator Authenticator, string Tenant) Setup()
    {
        var tenant = server.AddKeySet(TestSigningKey.Unendorsed);
        var options = new BotOptions
        {
            MicrosoftAppType = BotAppType.SingleTenant,
            MicrosoftAppId = TestTokens.AppId,
            MicrosoftAppPassword = "secret",
            MicrosoftAppTenantId = tenant,
            EntraMetadataBaseUrl = server.BaseAddress,
        };
        return (AuthenticatorFactory.Create(options), tenant);
    }
}
