using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Tests.Infrastructure;

internal static class TestStorage
{
    /// <summary>Table clients on the test run's Azurite under a prefix of their own, so tests never share data.</summary>
    public static StorageTables Tables(AzuriteFixture azurite) =>
        new(new TableServiceClient(azurite.ConnectionString), Options.Create(new StorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            TablePrefix = AzuriteFixture.UniquePrefix(),
        }));
}
