using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Hosting;

namespace TeamsLearningBot.Storage;

public static class StorageHostingExtensions
{
    /// <summary>Registers one <see cref="TableServiceClient"/> and one <see cref="QueueServiceClient"/> from <c>Storage</c>.</summary>
    public static IHostApplicationBuilder AddTableStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<StorageHealth>();
        services.AddSingleton<IBackgroundTurnGuard>(sp => sp.GetRequiredService<StorageHealth>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;

            // Client options may be registered to add pipeline policies (tests count transactions this way).
            var clientOptions = options.Configure(sp.GetService<TableClientOptions>() ?? new TableClientOptions());
            clientOptions.AddPolicy(sp.GetRequiredService<StorageHealth>(), HttpPipelinePosition.PerRetry);
            return options.UsesConnectionString
                ? new TableServiceClient(options.ConnectionString, clientOptions)
                : new TableServiceClient(options.TableServiceUri, Credential(options), clientOptions);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            // As for tables, client options may be registered to add pipeline policies (fault tests do).
            var queueOptions = options.Configure(sp.GetService<QueueClientOptions>() ?? new QueueClientOptions());
            queueOptions.MessageEncoding = QueueMessageEncoding.Base64;
            return options.UsesConnectionString
                ? new QueueServiceClient(options.ConnectionString, queueOptions)
                : new QueueServiceClient(options.QueueServiceUri, Credential(options), queueOptions);
        });
        services.AddSingleton<StorageTables>();
        return builder;
    }

    private static DefaultAzureCredential Credential(StorageOptions options) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
        });
}
