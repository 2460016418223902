using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

public sealed class AnonymityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Name = "Alex Wilber";
    private const string UserId = "29:1learner-0001";
    private const string AadObjectId = "00000000-0000-4000-8000-000000000001";
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() => host = await ReflectionsHost.StartAsync(azurite, anonymous: true);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_anonymous_reflection_never_names_its_author_in_anything_the_bot_sends_or_stores()
    {
        var alex = ReflectionsHost.Learner(1, Name);
        var answer = await host.SendAsync(host.Share("Honestly, I avoid these conversations.", "2", alex, anonymous: true));
        await host.SendAsync(host.Share("And rating again.", "3", alex, anonymous: true));
        await host.SendAsync(host.Share("A named one.", "4", ReflectionsHost.Learner(2, "Megan Bowen")));
        await host.SettledCardAsync();

        // Listings, by command and from the card; the author asks too.
        await host.SendAsync(host.Command("reflections C1", ReflectionsHost.Learner(3)));
        var show = host.Share(null, null, alex);
        show["value"]!["action"]!["verb"] = "reflections.show";
        var listing = await (await host.SendAsync(show)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var echo = host.ThreadMessages().Select(m => m.Text).ToList();
        Assert.Contains(echo, t => t!.Contains("A colleague reflected: Honestly, I avoid these conversations\\.", StringComparison.Ordinal));
        Assert.Contains(echo, t => t!.Contains("**Megan Bowen** reflected", StringComparison.Ordinal));
        Assert.Contains("A colleague", host.Teams.Activities[^1].CardText(), StringComparison.Ordinal);
        Assert.Contains("A colleague", listing, StringComparison.Ordinal);

        var answers = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) + listing;
        foreach (var secret in new[] { Name, "Alex", UserId, AadObjectId })
        {
            Assert.DoesNotContain(secret, answers, StringComparison.OrdinalIgnoreCase);
            Assert.All(host.Teams.Requests, r => Assert.DoesNotContain(secret, r.BodyText ?? string.Empty, StringComparison.OrdinalIgnoreCase));
            Assert.Empty(await RowsContainingAsync(secret));
        }

        var stored = (await host.Get<ReflectionStore>().ListReflectionsAsync(host.Post, null, TestContext.Current.CancellationToken)).Where(r => r.Anonymous).ToList();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, r => Assert.True(r.AuthorId is null && r.AuthorName is null && r.LearnerKey.Length == 32));
    }

    [Fact]
    public async Task The_toggle_is_offered_only_where_the_drop_allows_it_and_ignored_elsewhere()
    {
        await using var named = await ReflectionsHost.StartAsync(azurite, anonymous: false, refresher: false);

        var card = await (await named.SendAsync(named.Share("Signed.", "4", ReflectionsHost.Learner(1, Name), anonymous: true))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var anonymousCard = await (await host.SendAsync(host.Share(null, "4", ReflectionsHost.Learner(1, Name)))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain("\"anonymous\"", card, StringComparison.Ordinal);
        Assert.Contains("\"anonymous\"", anonymousCard, StringComparison.Ordinal);
        var stored = Assert.Single(await named.Get<ReflectionStore>().ListReflectionsAsync(named.Post, null, TestContext.Current.CancellationToken));
        Assert.False(stored.Anonymous);
        Assert.Equal(Name, stored.AuthorName);
    }

    [Fact]
    public async Task A_card_never_opened_is_opened_on_its_first_reflection_with_the_team_s_default()
    {
        await using var named = await ReflectionsHost.StartAsync(azurite, anonymous: false, refresher: false);
        var ct = TestContext.Current.CancellationToken;
        Assert.True(await named.Get<TeamsLearningBot.Teams.TeamStore>().SetAnonymousReflectionsAsync(ReflectionsHost.TeamId, true, ct));
        var unopened = await named.RecordPostOnlyAsync(ReflectionsHost.ChannelId, "1764242222222");

        await named.SendAsync(ReflectionsHost.On(unopened, named.Share("Unsigned.", null, ReflectionsHost.Learner(1, Name), anonymous: true)));

        Assert.True((await named.Get<ReflectionStore>().GetPostAsync(unopened, ct))!.AnonymousAllowed);
        Assert.True(Assert.Single(await named.Get<ReflectionStore>().ListReflectionsAsync(unopened, null, ct)).Anonymous);
    }

    private async Task<List<string>> RowsContainingAsync(string secret)
    {
        var found = new List<string>();
        var tables = host.App.Services.GetRequiredService<StorageTables>();
        foreach (var name in new[] { ReflectionStore.TableName, ReflectionIndex.TableName })
        {
            var table = await tables.GetAsync(name, TestContext.Current.CancellationToken);
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
            {
                if (row.Select(p => p.Value).OfType<string>().Any(v => v.Contains(secret, StringComparison.OrdinalIgnoreCase) || v.Contains(TableKeys.Encode(secret), StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add($"{name}/{row.PartitionKey}/{row.RowKey}");
                }
            }
        }

        return found;
    }
}
