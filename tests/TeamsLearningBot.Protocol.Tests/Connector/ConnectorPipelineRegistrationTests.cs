using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Protocol.Hosting;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Protocol.Tests.Connector;

public sealed class ConnectorPipelineRegistrationTests
{
    [Fact]
    public async Task AddBotProtocol_gives_the_connector_client_retries_and_one_shared_limiter()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var host = Build(new Dictionary<string, string?> { ["Connector:BaseDelay"] = "00:00:00.010" });
        await host.StartAsync(TestContext.Current.CancellationToken);
        connector.FailNext(1, HttpStatusCode.ServiceUnavailable);

        var client = host.Services.GetRequiredService<ConnectorClient>();
        await client.SendToConversationAsync(connector.ServiceUrl, "a:1", new Activity { Type = ActivityTypes.Message, Text = "hi" }, TestContext.Current.CancellationToken);

        Assert.Equal([503, 201], connector.Requests.Select(r => r.StatusCode));
        Assert.Same(host.Services.GetRequiredService<ConnectorRateLimiter>(), host.Services.GetRequiredService<ConnectorRateLimiter>());
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Options_default_to_Teams_limits()
    {
        using var host = Build([]);

        var options = host.Services.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value;

        Assert.Equal((7, 8, 60, 50), (options.ConversationLimitPerSecond, options.ConversationLimitPer2Seconds, options.ConversationLimitPer30Seconds, options.AppLimitPerSecond));
        Assert.Equal(4, options.MaxRetryAttempts);
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_from_starting()
    {
        using var host = Build(new Dictionary<string, string?> { ["Connector:ConversationLimitPerSecond"] = "0" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(nameof(ConnectorResilienceOptions.ConversationLimitPerSecond), error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBotProtocol();
        return builder.Build();
    }
}
