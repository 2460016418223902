using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Tests.Privacy;

public sealed class PrivacyOptionsValidatorTests
{
    private static readonly string LongSecret = new('k', PrivacyOptionsValidator.MinimumSecretLength);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short-to-be-a-secret")]
    public void Outside_Development_a_missing_or_short_secret_stops_the_start(string? secret)
    {
        var result = Validate(Environments.Production, secret);

        Assert.True(result.Failed);
        Assert.Contains("Privacy:PseudonymSecret", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'Production'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_Development_a_long_enough_secret_is_accepted() =>
        Assert.True(Validate(Environments.Staging, LongSecret).Succeeded);

    [Fact]
    public void Development_runs_without_a_secret() =>
        Assert.True(Validate(Environments.Development, null).Succeeded);

    [Fact]
    public void The_secret_changes_every_learner_key()
    {
        var withSecret = new LearnerKeys(Options.Create(new PrivacyOptions { PseudonymSecret = LongSecret }));
        var development = new LearnerKeys(Options.Create(new PrivacyOptions()));

        Assert.NotEqual(development.For("tenant", "user"), withSecret.For("tenant", "user"));
        Assert.Equal(withSecret.For("TENANT", "user"), withSecret.For("tenant", "user"));
    }

    private static ValidateOptionsResult Validate(string environment, string? secret) =>
        new PrivacyOptionsValidator(new HostingEnvironment { EnvironmentName = environment })
            .Validate(null, new PrivacyOptions { PseudonymSecret = secret });
}
