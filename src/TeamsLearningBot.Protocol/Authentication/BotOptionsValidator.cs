using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>
/// Checks the bot's identity at start (<c>ValidateOnStart</c>): the settings each app type needs,
/// and that authentication is only off in Development or when explicitly allowed.
/// </summary>
public sealed class BotOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasAppId = !string.IsNullOrWhiteSpace(options.MicrosoftAppId);
        var hasTenant = !string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId);
        var hasPassword = !string.IsNullOrEmpty(options.MicrosoftAppPassword);

        if (options.MicrosoftAppType == BotAppType.SingleTenant && (!hasAppId || !hasTenant || !hasPassword))
        {
            failures.Add("MicrosoftAppType SingleTenant requires MicrosoftAppId, MicrosoftAppTenantId and MicrosoftAppPassword.");
        }

        if (options.MicrosoftAppType == BotAppType.UserAssignedMsi && (!hasAppId || !hasTenant))
        {
            failures.Add("MicrosoftAppType UserAssignedMsi requires MicrosoftAppId (the identity's client id) and MicrosoftAppTenantId.");
        }

        if (options.MicrosoftAppType == BotAppType.UserAssignedMsi && hasPassword)
        {
            failures.Add("MicrosoftAppType UserAssignedMsi must not have a MicrosoftAppPassword; the managed identity gets the tokens.");
        }

        if (options.AcknowledgeAfter <= TimeSpan.Zero || options.AcknowledgeAfter >= TimeSpan.FromSeconds(15))
        {
            failures.Add($"AcknowledgeAfter must be more than zero and less than Teams' 15 s delivery timeout (it is {options.AcknowledgeAfter}).");
        }

        if (!hasAppId && !options.AllowUnauthenticatedRequests && !environment.IsDevelopment())
        {
            failures.Add(
                $"MicrosoftAppId is empty, which turns request authentication off. That is allowed only in the Development environment " +
                $"(this is '{environment.EnvironmentName}'). Set MicrosoftAppId, or set AllowUnauthenticatedRequests=true for a locked-down test rig.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
