using Azure.Data.Tables;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Storage;

public sealed class TableKeysTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("19:abc@thread.tacv2;messageid=1", "19:abc@thread.tacv2;messageid=1")]
    [InlineData("a/b\\c#d?e%f", "a%2Fb%5Cc%23d%3Fe%25f")]
    [InlineData("tab\there", "tab%09here")]
    public void Encode_escapes_only_what_tables_forbid(string raw, string encoded)
    {
        Assert.Equal(encoded, TableKeys.Encode(raw));
        Assert.Equal(raw, TableKeys.Decode(encoded));
    }

    [Fact]
    public async Task Encoded_teams_ids_work_as_keys_in_real_table_storage()
    {
        var ids = new[] { "19:abc@thread.tacv2;messageid=1", "29:1a/b#c?d\\e", "a:1qh%NLqp", "x\u0001y" };
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniquePrefix() + "keys");
        await table.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);

        foreach (var id in ids)
        {
            await table.AddEntityAsync(new TableEntity(TableKeys.Encode(id), TableKeys.Encode(id)) { ["Raw"] = id }, TestContext.Current.CancellationToken);
        }

        foreach (var id in ids)
        {
            var entity = await table.GetEntityAsync<TableEntity>(TableKeys.Encode(id), TableKeys.Encode(id), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(id, entity.Value.GetString("Raw"));
        }
    }
}
