using System.Net;
using System.Net.Http.Json;
using TeamsLearningBot.Health;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Health;

public sealed class HealthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Healthz_reports_reachable_storage()
    {
        await using var app = new BotApplicationFactory(azurite);

        var response = await app.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new HealthReport("healthy", "reachable"), await response.Content.ReadFromJsonAsync<HealthReport>(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Healthz_reports_unreachable_storage_with_503()
    {
        await using var app = new BotApplicationFactory(azurite)
            .WithSetting("Storage:ConnectionString", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;");

        var response = await app.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
