using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// Refuses to start outside Development without a signing key for export links, and refuses keys
/// that are not base64 or shorter than <see cref="MinimumKeyBytes"/> anywhere.
/// </summary>
public sealed class ExportOptionsValidator(IHostEnvironment environment) : IValidateOptions<ExportOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            if (ExportKeyRing.Decode(options.SigningKeys[i]) is not { Length: >= MinimumKeyBytes })
            {
                return ValidateOptionsResult.Fail(
                    $"Export:SigningKeys:{i} must be a base64 key of at least {MinimumKeyBytes} bytes (e.g. from `openssl rand -base64 32`).");
            }
        }

        if (options.SigningKeys.Count > 0 || environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"Export:SigningKeys must hold at least one base64 key of {MinimumKeyBytes} bytes or more outside Development (this is '{environment.EnvironmentName}'): " +
            "it signs the short-lived export links, and without it a link could not be checked. Generate one (openssl rand -base64 32) and set Export__SigningKeys__0; " +
            "deploy/main.bicep keeps it in Key Vault.");
    }
}
