using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Storage;

/// <summary>
/// Where state lives: a connection string (Azurite locally) or, in Azure, the account's table and
/// queue endpoints reached with a managed identity — no account keys.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty uses DefaultAzureCredential's own choice.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix of every table and queue name, so that tests and side-by-side deployments stay apart.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,29})?$", ErrorMessage = "Storage:TablePrefix must be letters and digits, starting with a letter, at most 30 characters.")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>
    /// How long one storage request may take before it is abandoned (and retried). Storage answers
    /// in milliseconds; a request that hangs must not hold a Teams turn past its 15 s delivery
    /// timeout, so the turn fails (500) and Teams delivers it again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries of a failed storage request (a timeout, a reset connection, a 5xx) before the operation fails.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 1;

    /// <summary>The wait before the first retry; doubled for each one after.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public bool UsesConnectionString => TableServiceUri is null;

    /// <summary>The longest one storage operation can take with its retries: every try timed out, and the longest waits between.</summary>
    public TimeSpan OperationTimeout => (NetworkTimeout * (MaxRetries + 1)) + (RetryDelay * 4 * MaxRetries);

    /// <summary>Applies the timeout and retry settings to a storage client's options.</summary>
    public T Configure<T>(T clientOptions)
        where T : Azure.Core.ClientOptions
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        clientOptions.Retry.NetworkTimeout = NetworkTimeout;
        clientOptions.Retry.MaxRetries = MaxRetries;
        clientOptions.Retry.Delay = RetryDelay;
        clientOptions.Retry.MaxDelay = RetryDelay * 4;
        clientOptions.Retry.Mode = Azure.Core.RetryMode.Exponential;
        return clientOptions;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TableServiceUri is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Set Storage:ConnectionString, or Storage:TableServiceUri and Storage:QueueServiceUri for managed identity.");
        }

        if ((TableServiceUri is null) != (QueueServiceUri is null))
        {
            yield return new ValidationResult("Storage:TableServiceUri and Storage:QueueServiceUri go together.");
        }
    }
}
