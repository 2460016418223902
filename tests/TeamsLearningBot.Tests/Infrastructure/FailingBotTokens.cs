using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;
using TeamsLearningBot.Protocol.Authentication;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>
/// Entra refusing the bot's token (an expired secret) for the next calls it is told, otherwise no
/// token (as locally, where the fake Connector takes calls without one). MSAL throws the same
/// <see cref="MsalServiceException"/> for Entra's refusals and its own network failures.
/// </summary>
internal sealed class FailingBotTokens : IBotTokenProvider
{
    private int passes;
    private int failures;

    public int FailuresLeft => Math.Max(0, Volatile.Read(ref failures));

    /// <summary>Refuses <paramref name="count"/> requests for a token, after letting <paramref name="after"/> through.</summary>
    public void FailNext(int count, int after = 0)
    {
        Volatile.Write(ref failures, count);
        Volatile.Write(ref passes, after);
    }

    public Task<string?> GetTokenAsync(bool forceRefresh = false, CancellationToken cancellationToken = default) =>
        Interlocked.Decrement(ref passes) < 0 && Interlocked.Decrement(ref failures) >= 0
            ? Task.FromException<string?>(new MsalServiceException("invalid_client", "AADSTS7000222: The provided client secret keys are expired."))
            : Task.FromResult<string?>(null);

    /// <summary>Puts <paramref name="tokens"/> in place of the app's token provider.</summary>
    public static Action<BotApplicationFactory> In(FailingBotTokens tokens) =>
        app => app.WithServices(s => s.AddSingleton<IBotTokenProvider>(tokens));
}
