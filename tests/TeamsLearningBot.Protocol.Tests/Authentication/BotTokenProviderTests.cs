using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Authentication;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Protocol.Tests.Authentication;

/// <summary>Outbound tokens (PROTOCOL §1.4) from a loopback token endpoint, and the Connector handler.</summary>
public sealed class BotTokenProviderTests(TokenAuthorityServer server) : IClassFixture<TokenAuthorityServer>
{
    private static readonly Activity Reply = new() { Type = ActivityTypes.Message, Text = "hi" };

    [Fact]
    public async Task The_token_is_requested_with_client_credentials_for_the_Bot_Framework_scope()
    {
        var tenant = server.AddTenant();
        using var services = Services(tenant, TestTokens.AppId);

        var token = await services.GetRequiredService<IBotTokenProvider>().GetTokenAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("token-1", token);
        var request = Assert.Single(tenant.TokenRequests);
        Assert.Equal("client_credentials", request["grant_type"]);
        Assert.Equal("https://api.botframework.com/.default", request["scope"]);
        Assert.Equal(TestTokens.AppId, request["client_id"]);
        Assert.Equal("app-secret", request["client_secret"]);
    }

    [Fact]
    public async Task A_second_call_is_served_from_the_cache()
    {
        var tenant = server.AddTenant(expiresInSeconds: 3600);
        using var services = Services(tenant, TestTokens.AppId);
        var tokens = services.GetRequiredService<IBotTokenProvider>();

        var first = await tokens.GetTokenAsync(cancellationToken: TestContext.Current.CancellationToken);
        var second = await tokens.GetTokenAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        Assert.Single(tenant.TokenRequests);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_not_reused()
    {
        // MSAL treats a token within five minutes of expiry as expired.
        var tenant = server.AddTenant(expiresInSeconds: 120);
        using var services = Services(tenant, TestTokens.AppId);
        var tokens = services.GetRequiredService<IBotTokenProvider>();

        var first = await tokens.GetTokenAsync(cancellationToken: TestContext.Current.CancellationToken);
        var second = await tokens.GetTokenAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("token-1", first);
        Assert.Equal("token-2", second);
    }

    [Fact]
    public async Task A_forced_refresh_bypasses_the_cache()
    {
        var tenant = server.AddTenant();
        using var services = Services(tenant, TestTokens.AppId);
        var tokens = services.GetRequiredService<IBotTokenProvider>();

        await tokens.GetTokenAsync(cancellationToken: TestContext.Current.CancellationToken);
        var refreshed = await tokens.GetTokenAsync(forceRefresh: true, TestContext.Current.CancellationToken);

        Assert.Equal("token-2", refreshed);
        Assert.Equal(2, tenant.TokenRequests.Count);
    }

    [Fact]
    public async Task Connector_calls_carry_the_token()
    {
        var tenant = server.AddTenant();
        using var services = Services(tenant, TestTokens.AppId);
        var connector = services.GetRequiredService<ConnectorClient>();

        await connector.SendToConversationAsync(tenant.ServiceUrl, "a:1", Reply, TestContext.Current.CancellationToken);
        await connector.SendToConversationAsync(tenant.ServiceUrl, "a:1", Reply, TestContext.Current.CancellationToken);

        Assert.Equal(["Bearer token-1", "Bearer token-1"], tenant.ConnectorAuthorizations);
        Assert.Single(tenant.TokenRequests);
    }

    [Fact]
    public async Task A_401_from_the_Connector_refreshes_the_token_and_retries_once()
    {
        var tenant = server.AddTenant(connectorRefusals: 1);
        using var services = Services(tenant, TestTokens.AppId);
        var connector = services.GetRequiredService<ConnectorClient>();

        var response = await connector.SendToConversationAsync(tenant.ServiceUrl, "a:1", Reply, TestContext.Current.CancellationToken);

        Assert.Equal("1773478800999", response.Id);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], tenant.ConnectorAuthorizations);
    }

    [Fact]
    public async Task A_second_401_is_returned_without_another_retry()
    {
        var tenant = server.AddTenant(connectorRefusals: 5);
        using var services = Services(tenant, TestTokens.AppId);
        var connector = services.GetRequiredService<ConnectorClient>();

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.SendToConversationAsync(tenant.ServiceUrl, "a:1", Reply, TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(2, tenant.ConnectorAuthorizations.Count);
        Assert.Equal(2, tenant.TokenRequests.Count);
    }

    [Fact]
    public async Task Without_an_app_id_there_is_no_token_and_no_header()
    {
        var tenant = server.AddTenant();
        using var services = Services(tenant, appId: null);

        var token = await services.GetRequiredService<IBotTokenProvider>().GetTokenAsync(cancellationToken: TestContext.Current.CancellationToken);
        await services.GetRequiredService<ConnectorClient>().SendToConversationAsync(tenant.ServiceUrl, "a:1", Reply, TestContext.Current.CancellationToken);

        Assert.Null(token);
        Assert.Equal([""], tenant.ConnectorAuthorizations);
        Assert.Empty(tenant.TokenRequests);
    }

    private ServiceProvider Services(TokenAuthorityServer.Tenant tenant, string? appId)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        services.AddOptions<BotOptions>().Configure(options =>
        {
            options.MicrosoftAppType = appId is null ? BotAppType.MultiTenant : BotAppType.SingleTenant;
            options.MicrosoftAppId = appId;
            options.MicrosoftAppPassword = appId is null ? null : "app-secret";
            options.MicrosoftAppTenantId = appId is null ? null : tenant.Id;
            options.ToChannelFromBotLoginUrl = tenant.Authority;
        });
        services.AddBotAuthentication();
        services.AddHttpClient(MsalHttpClientFactory.HttpClientName).ConfigurePrimaryHttpMessageHandler(server.CreateTrustingHandler);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
