using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Protocol.Authentication;

namespace TeamsLearningBot.Protocol.Tests.Authentication;

internal static class AuthenticatorFactory
{
    private static readonly IHttpClientFactory HttpClientFactory =
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    public static BotAuthenticator Create(BotOptions options) =>
        new(Options.Create(options), HttpClientFactory, new FakeTimeProvider(TestTokens.Now), NullLogger<BotAuthenticator>.Instance);
}
