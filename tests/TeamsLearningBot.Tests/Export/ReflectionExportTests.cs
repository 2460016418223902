using System.Text;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Insights.InsightsHost;

namespace TeamsLearningBot.Tests.Export;

/// <summary>The export's rows against what storage holds, on Azurite, with reflections written through the bot.</summary>
public sealed class ReflectionExportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PrivateChannel = "19:5ec7e7a1b2c34d5e@thread.tacv2";
    private ReflectionsHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string C1 => host.Item.Id + " " + host.Item.Title;

    // Two reflections a storage page, so every test reads cards over several pages.
    public async ValueTask InitializeAsync() => host = await ExportHost.StartAsync(azurite, app => app.WithSetting("Export:PageSize", "2"));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Every_reflection_is_one_row_matching_storage_with_awkward_text_intact()
    {
        string[] texts =
        [
            "Commas, \"quotes\" and\nline breaks\nall in one",
            "=1+1",
            "=HYPERLINK(\"https://evil.example\",\"click me\")",
            "@here -- +1 from me",
            "-5 points for vagueness",
            "Grüße aus Köln, 你好, and a 🎉 for the team",
        ];
        for (var i = 0; i < texts.Length; i++)
        {
            await host.SendAsync(host.Share(texts[i], (i % 5 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), From(2 + (i % 3))));
        }

        await host.SendAsync(host.Reply("A plain thread reply", From(5)));
        await host.RefreshAsync();

        var records = await ExportHost.ExportAsync(host);

        Assert.Equal(["when", "channel", "item", "prompt", "text", "rating", "author"], records[0]);
        var stored = await ExportHost.StoredAsync(host, host.Post, C1, host.Item.Prompts[0]);
        Assert.Equal(7, stored.Count);
        Assert.Equal(Sorted(stored), Sorted(records.Skip(1)));
        Assert.Contains(records, r => r[4] == "'=1+1");
        Assert.Contains(records, r => r[4] == texts[0] && r[1] == ExportHost.ChannelName);
        Assert.Contains(records, r => r[4] == "'-5 points for vagueness" && r[6] == Name(3));
    }

    [Fact]
    public async Task Anonymous_reflections_say_anonymous_and_carry_no_name_id_or_rating()
    {
        await host.SendAsync(host.Share("Said without my name", "2", From(4), anonymous: true));
        await host.SendAsync(host.Share("Said with my name", "2", From(3)));
        await host.RefreshAsync();

        var records = await ExportHost.ExportAsync(host);

        var anonymous = Assert.Single(records, r => r[4] == "Said without my name");
        Assert.Equal(("anonymous", string.Empty), (anonymous[6], anonymous[5]));
        Assert.Equal(Name(3), Assert.Single(records, r => r[4] == "Said with my name")[6]);
        var all = string.Join("\n", records.SelectMany(r => r));
        Assert.DoesNotContain(Name(4), all, StringComparison.Ordinal);
        Assert.DoesNotContain(Id(4), all, StringComparison.Ordinal);
        Assert.DoesNotContain(Aad(4), all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_learner_who_ran_forget_me_is_gone_from_the_export()
    {
        await host.SendAsync(host.Share("Megan, named.", "5", From(5)));
        await host.SendAsync(host.Share("Megan, anonymous.", null, From(5), anonymous: true));
        await host.SendAsync(host.Reply("Megan, in the thread.", From(5)));
        await host.SendAsync(host.Share("Alex stays.", "3", From(2)));
        await host.RefreshAsync();
        Assert.Equal(4, (await ExportHost.ExportAsync(host)).Count - 1);

        await host.SendAsync(TestActivities.Load("personal-message", host.Teams.ServiceUrl, a =>
        {
            a["from"] = From(5).DeepClone();
            a["text"] = null;
            a["value"] = new System.Text.Json.Nodes.JsonObject { ["verb"] = "privacy.forget" };
        }));

        var records = await ExportHost.ExportAsync(host);
        var row = Assert.Single(records.Skip(1));
        Assert.Equal(("Alex stays.", Name(2), "3"), (row[4], row[6], row[5]));
        Assert.DoesNotContain("Megan", string.Join("\n", records.SelectMany(r => r)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_or_an_item_narrows_the_export_to_its_items()
    {
        var sales = await AddItemAsync(host, "Pricing talks", "sales");
        var salesCard = await ExportHost.PostCardAsync(host, sales, ReflectionsHost.ChannelId, "1764249999999");
        await host.SendAsync(host.Share("On feedback", "4", From(2)));
        await host.SendAsync(ExportHost.In(salesCard, null, host.Share("On pricing", "2", From(3))));
        await host.RefreshAsync();
        await host.RefreshAsync(salesCard);

        // Cards in posting order.
        Assert.Equal(["On feedback", "On pricing"], (await ExportHost.ExportAsync(host)).Skip(1).Select(r => r[4]));
        Assert.Equal(["On feedback"], (await ExportHost.ExportAsync(host, "feedback since 2020-01-01")).Skip(1).Select(r => r[4]));
        var onSales = Assert.Single((await ExportHost.ExportAsync(host, "#SALES since 2020-01-01")).Skip(1));
        Assert.Equal(("On pricing", sales.Id + " Pricing talks", "What would you try first?", "2"), (onSales[4], onSales[2], onSales[3], onSales[5]));
        Assert.Equal(["On pricing"], (await ExportHost.ExportAsync(host, sales.Id)).Skip(1).Select(r => r[4]));
        Assert.Empty((await ExportHost.ExportAsync(host, "nosuchtag")).Skip(1));
    }

    [Fact]
    public async Task The_period_keeps_the_reflections_written_in_its_days_UTC()
    {
        await host.SendAsync(host.Share("Recent", null, From(2)));
        await host.SendAsync(host.Share("Two months ago", null, From(3)));
        await host.RefreshAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var old = new DateTimeOffset(today.AddDays(-60).ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);
        await MoveAsync("Two months ago", old);

        Assert.Equal(["Recent"], (await ExportHost.ExportAsync(host, "last 30 days")).Skip(1).Select(r => r[4]));
        Assert.Equal(["Recent", "Two months ago"], (await ExportHost.ExportAsync(host, $"since {today.AddDays(-60):yyyy-MM-dd}")).Skip(1).Select(r => r[4]).Order(StringComparer.Ordinal));
        Assert.Equal(["Recent"], (await ExportHost.ExportAsync(host, $"since {today.AddDays(-59):yyyy-MM-dd}")).Skip(1).Select(r => r[4]));
        var moved = Assert.Single(await ExportHost.ExportAsync(host, "last 90 days"), r => r[4] == "Two months ago");
        Assert.Equal(old.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), moved[0]);
    }

    [Fact]
    public async Task A_private_channel_s_reflections_are_only_in_that_channel_s_export()
    {
        var privateCard = await host.PostCardAsync(PrivateChannel, "1764242222222");
        await host.SendAsync(ExportHost.In(host.Post, "standard", host.Share("Said in the open", null, From(2))));
        await host.SendAsync(ExportHost.In(privateCard, "private", host.Share("Said among the leads only", null, From(3))));
        await host.RefreshAsync();
        await host.RefreshAsync(privateCard);

        Assert.Equal(["Said in the open"], (await ExportHost.ExportAsync(host)).Skip(1).Select(r => r[4]));
        Assert.Equal(["Said among the leads only"], (await ExportHost.ExportAsync(host, privateChannel: PrivateChannel)).Skip(1).Select(r => r[4]));
    }

    private static List<string> Sorted(IEnumerable<string[]> records) => [.. records.Select(r => string.Join("\u241F", r)).Order(StringComparer.Ordinal)];

    private async Task MoveAsync(string text, DateTimeOffset createdAt)
    {
        var row = Assert.Single(await host.Get<ReflectionStore>().ListReflectionsAsync(host.Post, null, Ct), r => r.Text == text);
        var table = await host.Get<StorageTables>().GetAsync(ReflectionStore.TableName, Ct);
        await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { [nameof(ReflectionEntity.CreatedAt)] = createdAt }, ETag.All, TableUpdateMode.Merge, Ct);
    }
}
