using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using TeamsLearningBot.Protocol.Authentication;

namespace TeamsLearningBot.Protocol.Tests.Authentication;

public sealed class BotOptionsValidatorTests
{
    private const string Tenant = "00000000-0000-4000-8000-0000000000aa";

    [Fact]
    public void A_complete_SingleTenant_registration_is_valid()
    {
        var result = Validate(Environments.Production, new BotOptions
        {
            MicrosoftAppType = BotAppType.SingleTenant,
            MicrosoftAppId = TestTokens.AppId,
            MicrosoftAppPassword = "secret",
            MicrosoftAppTenantId = Tenant,
        });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(null, "secret", Tenant)]
    [InlineData(TestTokens.AppId, null, Tenant)]
    [InlineData(TestTokens.AppId, "secret", null)]
    public void SingleTenant_requires_app_id_password_and_tenant(string? appId, string? password, string? tenant)
    {
        var result = Validate(Environments.Development, new BotOptions
        {
            MicrosoftAppType = BotAppType.SingleTenant,
            MicrosoftAppId = appId,
            MicrosoftAppPassword = password,
            MicrosoftAppTenantId = tenant,
        });

        Assert.True(result.Failed);
        Assert.Contains("SingleTenant requires", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UserAssignedMsi_registration_without_a_password_is_valid()
    {
        var result = Validate(Environments.Production, new BotOptions
        {
            MicrosoftAppType = BotAppType.UserAssignedMsi,
            MicrosoftAppId = TestTokens.AppId,
            MicrosoftAppTenantId = Tenant,
        });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(null, Tenant)]
    [InlineData(TestTokens.AppId, null)]
    public void UserAssignedMsi_requires_app_id_and_tenant(string? appId, string? tenant)
    {
        var result = Validate(Environments.Development, new BotOptions
        {
            MicrosoftAppType = BotAppType.UserAssignedMsi,
            MicrosoftAppId = appId,
            MicrosoftAppTenantId = tenant,
        });

        Assert.True(result.Failed);
        Assert.Contains("UserAssignedMsi requires", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void UserAssignedMsi_forbids_a_password()
    {
        var result = Validate(Environments.Production, new BotOptions
        {
            MicrosoftAppType = BotAppType.UserAssignedMsi,
            MicrosoftAppId = TestTokens.AppId,
            MicrosoftAppTenantId = Tenant,
            MicrosoftAppPassword = "secret",
        });

        Assert.True(result.Failed);
        Assert.Contains("must not have a MicrosoftAppPassword", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", false, false)]
    [InlineData("Staging", false, false)]
    [InlineData("Production", true, true)]
    [InlineData("Development", false, true)]
    public void An_empty_app_id_is_allowed_only_in_Development_or_with_the_flag(string environment, bool allowUnauthenticated, bool valid)
    {
        var result = Validate(environment, new BotOptions { AllowUnauthenticatedRequests = allowUnauthenticated });

        Assert.Equal(valid, result.Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, BotOptions options) =>
        new BotOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);
}
