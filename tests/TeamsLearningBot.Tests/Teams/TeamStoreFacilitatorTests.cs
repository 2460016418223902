using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Teams;

public sealed class TeamStoreFacilitatorTests(AzuriteFixture azurite)
{
    private const string TeamId = "19:team/with#odd?chars@thread.tacv2";
    private static readonly ChannelAccount Alex = new() { Id = "29:alex", Name = "Alex Wilber" };
    private static readonly ChannelAccount Megan = new() { Id = "29:megan", Name = "Megan Bowen" };
    private static readonly ChannelAccount Adele = new() { Id = "29:adele", Name = "Adele Vance" };

    private readonly TeamStore store = new(TestStorage.Tables(azurite), new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task AddFacilitator_twice_keeps_the_first_row_and_reports_the_duplicate()
    {
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await store.AddFacilitatorAsync(TeamId, Alex, addedById: null, ct));
        Assert.False(await store.AddFacilitatorAsync(TeamId, Alex with { Name = "Renamed" }, "29:someone", ct));

        var row = Assert.Single(await store.ListFacilitatorsAsync(TeamId, ct));
        Assert.Equal("Alex Wilber", row.Name);
        Assert.Null(row.AddedById);
    }

    [Fact]
    public async Task RemoveFacilitator_refuses_the_last_one_and_reports_strangers()
    {
        var ct = TestContext.Current.CancellationToken;
        await store.AddFacilitatorAsync(TeamId, Alex, null, ct);
        await store.AddFacilitatorAsync(TeamId, Megan, Alex.Id, ct);

        Assert.Equal(FacilitatorRemoval.NotAFacilitator, await store.RemoveFacilitatorAsync(TeamId, Adele.Id!, ct));
        Assert.Equal(FacilitatorRemoval.Removed, await store.RemoveFacilitatorAsync(TeamId, Megan.Id!, ct));
        Assert.Equal(FacilitatorRemoval.LastFacilitator, await store.RemoveFacilitatorAsync(TeamId, Alex.Id!, ct));

        Assert.Equal(Alex.Id, Assert.Single(await store.ListFacilitatorsAsync(TeamId, ct)).UserId);
    }

    [Fact]
    public async Task Concurrent_removals_always_leave_one_facilitator()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var round = 0; round < 5; round++)
        {
            var team = TeamId + round;
            await store.AddFacilitatorAsync(team, Alex, null, ct);
            await store.AddFacilitatorAsync(team, Megan, null, ct);
            await store.AddFacilitatorAsync(team, Adele, null, ct);

            var results = await Task.WhenAll(
                store.RemoveFacilitatorAsync(team, Alex.Id!, ct),
                store.RemoveFacilitatorAsync(team, Megan.Id!, ct),
                store.RemoveFacilitatorAsync(team, Adele.Id!, ct));

            Assert.Equal(2, results.Count(r => r == FacilitatorRemoval.Removed));
            Assert.Equal(FacilitatorRemoval.LastFacilitator, Assert.Single(results, r => r != FacilitatorRemoval.Removed));
            Assert.Single(await store.ListFacilitatorsAsync(team, ct));
        }
    }
}
