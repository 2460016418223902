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

    public bool UsesConnectionString => TableServiceUri is null;

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
