using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.EndToEnd;

/// <summary>
/// The real app on Kestrel on a free loopback port (the Playground calls it over HTTP, so the
/// in-memory test server will not do), on the test Azurite under its own table prefix, plus the
/// real Agents Playground pointed at it. Both stop when the tests are done.
/// </summary>
public sealed class PlaygroundFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    private BotApplicationFactory? bot;

    internal AgentsPlayground Playground { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        bot = new BotApplicationFactory(azurite);
        bot.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        bot.StartServer();
        var address = bot.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Playground = await AgentsPlayground.StartAsync(new Uri(new Uri(address), "/api/messages"), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Playground is not null)
        {
            await Playground.DisposeAsync();
        }

        if (bot is not null)
        {
            await bot.DisposeAsync();
        }
    }
}
