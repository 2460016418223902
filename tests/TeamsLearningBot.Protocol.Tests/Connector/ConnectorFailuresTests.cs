using System.Net;
using Microsoft.Identity.Client;
using Polly.Timeout;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Protocol.Tests.Connector;

public sealed class ConnectorFailuresTests
{
    public static TheoryData<Exception, bool> Failures() => new()
    {
        { new ConnectorException(HttpStatusCode.TooManyRequests, "Throttled", "Slow down."), true },
        { new ConnectorException(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "Down."), true },
        { new ConnectorException(HttpStatusCode.Forbidden, "BotNotInConversationRoster", "Removed."), true },
        { new ConnectorException(HttpStatusCode.BadGateway, "BadGateway", "Gateway."), false },
        { new ConnectorException(HttpStatusCode.GatewayTimeout, "GatewayTimeout", "Gateway."), false },
        { new HttpRequestException(HttpRequestError.ConnectionError), true },
        { new HttpRequestException(HttpRequestError.NameResolutionError), true },
        { new HttpRequestException(HttpRequestError.ResponseEnded), false },
        { new TimeoutRejectedException(), false },
        { new TaskCanceledException(), false },

        // The bot's token could not be had: the request was never sent (or Teams refused it with a 401).
        { new MsalServiceException("invalid_client", "AADSTS7000222: The provided client secret keys are expired."), true },
        { new MsalClientException("request_timeout", "The token request timed out."), true },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Whether_a_failed_send_surely_posted_nothing(Exception failure, bool nothingPosted) =>
        Assert.Equal(nothingPosted, ConnectorFailures.NothingPosted(failure));
}
