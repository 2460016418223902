using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Hosting;

namespace TeamsLearningBot.Protocol.Tests.Authentication;

/// <summary>The host's start-up rules for running without authentication (PROTOCOL §1.3).</summary>
public sealed class BotHostAuthenticationTests
{
    private static readonly string Message = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Authentication", "message.json"));

    [Fact]
    public async Task Production_with_an_empty_app_id_fails_at_start()
    {
        await using var app = BuildApp(Environments.Production, new());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("MicrosoftAppId is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowUnauthenticatedRequests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_with_an_empty_app_id_accepts_a_request_without_a_header()
    {
        await using var app = BuildApp(Environments.Development, new());
        await app.StartAsync(TestContext.Current.CancellationToken);

        var response = await PostMessageAsync(app);

        Assert.Equal(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task AllowUnauthenticatedRequests_lets_production_start_without_an_app_id_and_warns_loudly()
    {
        await using var app = BuildApp(Environments.Production, new() { ["AllowUnauthenticatedRequests"] = "true" });
        await app.StartAsync(TestContext.Current.CancellationToken);

        var response = await PostMessageAsync(app);

        Assert.Equal(HttpStatusCode.OK, response);
        var warning = Assert.Single(app.Services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Critical);
        Assert.Contains("AUTHENTICATION IS OFF", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_app_id_a_request_without_a_header_is_answered_401()
    {
        await using var app = BuildApp(Environments.Production, new() { ["MicrosoftAppId"] = TestTokens.AppId, ["MicrosoftAppPassword"] = "secret" });
        await app.StartAsync(TestContext.Current.CancellationToken);

        var response = await PostMessageAsync(app);

        Assert.Equal(HttpStatusCode.Unauthorized, response);
    }

    private static WebApplication BuildApp(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddFakeLogging();
        builder.AddBotProtocol();
        var app = builder.Build();
        app.MapBotEndpoint();
        return app;
    }

    private static async Task<HttpStatusCode> PostMessageAsync(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var http = new HttpClient();
        using var content = new StringContent(Message, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(address + "/api/messages"), content, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
