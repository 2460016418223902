using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Privacy;

public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// Secret mixed into learner keys so that someone who can read the tables and knows user ids
    /// still cannot link an anonymous record to a person. Required outside Development (the
    /// deployment keeps it in Key Vault); changing it later orphans the keys of existing records.
    /// </summary>
    public string? PseudonymSecret { get; set; }

    /// <summary>Reflections older than this are deleted.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 365;
}

/// <summary>
/// Refuses to start outside Development without <see cref="PrivacyOptions.PseudonymSecret"/>:
/// without it the one-way learner keys are a public function of tenant and user id.
/// </summary>
public sealed class PrivacyOptionsValidator(IHostEnvironment environment) : IValidateOptions<PrivacyOptions>
{
    /// <summary>Shorter secrets are guessable; the deployment asks for at least this many characters too.</summary>
    public const int MinimumSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        return (options.PseudonymSecret?.Length ?? 0) >= MinimumSecretLength
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Privacy:PseudonymSecret must be set to a secret of at least {MinimumSecretLength} characters outside Development " +
                $"(this is '{environment.EnvironmentName}'): without it anyone who can read the tables and knows user ids can link the one-way learner keys to people. " +
                "Generate one once (e.g. openssl rand -base64 48) and keep it; deploy/main.bicep stores it in Key Vault.");
    }
}
