using TeamsLearningBot.Recognition.Kudos;
using TeamsLearningBot.Tests.Infrastructure;
using static TeamsLearningBot.Tests.Recognition.Kudos.KudosHost;

namespace TeamsLearningBot.Tests.Recognition.Kudos;

public sealed class KudosRetentionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private KudosHost host = null!;

    public async ValueTask InitializeAsync() => host = await KudosHost.StartAsync(azurite, fakeClock: true);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Kudos_older_than_the_retention_period_are_deleted_with_their_index_and_newer_ones_stay()
    {
        var ct = TestContext.Current.CancellationToken;
        var old = host.InChannel(Alex, "kudos {0} for walking me through the release checklist", Megan);
        await host.SendAsync(old);
        host.Time.Advance(TimeSpan.FromDays(200));
        var newer = host.InChannel(Megan, "kudos {0} for the onboarding notes", Adele);
        await host.SendAsync(newer);
        var store = host.Get<KudosStore>();
        var purge = host.Get<KudosPurge>();

        Assert.Equal(0, await purge.PurgeAsync(ct));
        host.Time.Advance(TimeSpan.FromDays(166) + TimeSpan.FromHours(1));
        Assert.Equal(1, await purge.PurgeAsync(ct));
        Assert.Equal(0, await purge.PurgeAsync(ct));

        Assert.Null(await store.GetAsync(host.KeyOf(Alex), old["id"]!.GetValue<string>(), ct));
        Assert.Empty(await store.ListReceivedAsync(host.KeyOf(Megan), ct));
        Assert.Empty(await StoredRows.ContainingAsync(host.App.Services, "release checklist"));
        Assert.NotNull(await store.GetAsync(host.KeyOf(Megan), newer["id"]!.GetValue<string>(), ct));
        Assert.Single(await store.ListReceivedAsync(host.KeyOf(Adele), ct));

        host.Time.Advance(TimeSpan.FromDays(200));
        Assert.Equal(1, await purge.PurgeAsync(ct));
        Assert.Empty(await StoredRows.ContainingAsync(host.App.Services, "onboarding notes"));
        Assert.Empty(await host.Get<KudosStore>().ListDaysBeforeAsync(host.Time.GetUtcNow().AddDays(1), 10, ct));
    }

    [Fact]
    public async Task A_day_entry_whose_kudos_was_forgotten_is_cleared()
    {
        var ct = TestContext.Current.CancellationToken;
        var kudos = host.InChannel(Alex, "kudos {0} for the demo", Megan);
        await host.SendAsync(kudos);
        var stored = (await host.Get<KudosStore>().GetAsync(host.KeyOf(Alex), kudos["id"]!.GetValue<string>(), ct))!;
        await host.Get<KudosStore>().DeleteRowsAsync([stored], ct);

        host.Time.Advance(TimeSpan.FromDays(400));
        Assert.Equal(0, await host.Get<KudosPurge>().PurgeAsync(ct));

        Assert.Empty(await host.Get<KudosStore>().ListDaysBeforeAsync(host.Time.GetUtcNow(), 10, ct));
    }
}
