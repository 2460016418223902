using System.Net;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>What a failed send says about the message: surely not posted, or perhaps posted.</summary>
public static class ConnectorFailures
{
    /// <summary>
    /// True when Teams answered with an error (any status but a gateway's 502/504) or the connection
    /// never opened: nothing was posted, so the message may be sent again. A timeout, a connection
    /// lost mid-request or a gateway that stopped waiting leave it in doubt: it may be there. A token
    /// the bot could not get (Entra down, an expired secret) fails before the request is sent, or
    /// after Teams refused it with a 401, so nothing was posted either.
    /// </summary>
    public static bool NothingPosted(Exception failure) => failure switch
    {
        ConnectorException c => c.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout),
        HttpRequestException h => h.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
        Microsoft.Identity.Client.MsalException => true,
        _ => false,
    };

    /// <summary>
    /// True for what a failed Connector call throws: Teams' error answer, a connection that failed or
    /// an attempt that timed out, and the bot's token that could not be had (MSAL wraps Entra's refusals
    /// and its own network failures in <see cref="Microsoft.Identity.Client.MsalException"/>). A caller
    /// that catches less leaves its work half done whenever Entra is down or the bot's secret expired.
    /// </summary>
    public static bool IsFailure(Exception failure) =>
        failure is ConnectorException or HttpRequestException or Microsoft.Identity.Client.MsalException or Polly.Timeout.TimeoutRejectedException;

    /// <summary>A failure as a log says it: Teams' status, the token's error code, or the kind of fault.</summary>
    public static string Describe(Exception failure) => failure switch
    {
        ConnectorException c => $"{(int)c.StatusCode} {c.StatusCode}",
        Microsoft.Identity.Client.MsalException m => $"no token: {m.ErrorCode}",
        HttpRequestException h => h.HttpRequestError.ToString(),
        _ => failure.GetType().Name,
    };
}
