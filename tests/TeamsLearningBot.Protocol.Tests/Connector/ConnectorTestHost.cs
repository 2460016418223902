using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Protocol.Tests.Connector;

/// <summary>A <see cref="ConnectorClient"/> with the real pipeline, pointed at a <see cref="FakeConnector"/>.</summary>
internal sealed class ConnectorTestHost : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private ConnectorTestHost(FakeConnector connector, ServiceProvider provider)
    {
        Connector = connector;
        this.provider = provider;
    }

    public FakeConnector Connector { get; }

    public string ServiceUrl => Connector.ServiceUrl;

    /// <summary>A new typed client each time, as the container hands them out.</summary>
    public ConnectorClient Client => provider.GetRequiredService<ConnectorClient>();

    /// <summary>Starts with Teams' limits and short backoff delays, overridden by <paramref name="settings"/> (keys under <c>Connector:</c>).</summary>
    public static async Task<ConnectorTestHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var connector = await FakeConnector.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["Connector:BaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values["Connector:" + key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging();
        services.AddHttpClient<ConnectorClient>().AddConnectorPipeline();
        return new ConnectorTestHost(connector, services.BuildServiceProvider(validateScopes: true));
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
