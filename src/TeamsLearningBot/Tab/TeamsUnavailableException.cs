using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Tab;

/// <summary>
/// Teams could not be asked what a tab needs to decide (a channel's members): the bot's token could
/// not be had, or the Connector failed or timed out. Nothing is known either way, so the request is
/// neither shown nor refused: the tab API answers 503 with <c>Retry-After</c> (<see cref="TabSignIn"/>).
/// </summary>
public sealed class TeamsUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>How long a caller is asked to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A failure of Teams or of the bot's token, not of the request: a Connector error that reached
    /// the caller (its refusals, 400/403/404, are answered by the roster as "will not list"), a
    /// network error, a Connector timeout, or Entra ID refusing the bot its token.
    /// </summary>
    public static bool IsFault(Exception e, CancellationToken cancellationToken) =>
        ConnectorFailures.IsFailure(e) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
