using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Protocol.Tests.Connector;

public sealed class ConnectorRetryPolicyTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public void Retry_After_in_seconds_is_the_delay(HttpStatusCode status)
    {
        using var response = new HttpResponseMessage(status) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)) } };

        Assert.Equal(TimeSpan.FromSeconds(3), ConnectorRetryPolicy.RetryAfter(response, Time));
    }

    [Fact]
    public void Retry_After_as_a_date_waits_until_then()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", Time.GetUtcNow().AddSeconds(7).ToString("r", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromSeconds(7), ConnectorRetryPolicy.RetryAfter(response, Time));
    }

    [Fact]
    public void Retry_After_date_in_the_past_means_now()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new RetryConditionHeaderValue(Time.GetUtcNow().AddMinutes(-1)) } };

        Assert.Equal(TimeSpan.Zero, ConnectorRetryPolicy.RetryAfter(response, Time));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public void Retry_After_is_read_only_on_429_and_503(HttpStatusCode status)
    {
        using var response = new HttpResponseMessage(status) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)) } };

        Assert.Null(ConnectorRetryPolicy.RetryAfter(response, Time));
    }

    [Fact]
    public void Without_Retry_After_the_backoff_decides()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(ConnectorRetryPolicy.RetryAfter(response, Time));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.PreconditionFailed, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, false)]
    public void Only_throttling_and_gateway_failures_are_retryable(HttpStatusCode status, bool retryable) =>
        Assert.Equal(retryable, ConnectorRetryPolicy.IsRetryable(status));

    [Fact]
    public void A_Retry_After_longer_than_the_longest_delay_is_not_waited_for()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(31)) } };

        Assert.False(ConnectorRetryPolicy.ShouldRetry(response, Time, TimeSpan.FromSeconds(30)));
        Assert.True(ConnectorRetryPolicy.ShouldRetry(response, Time, TimeSpan.FromSeconds(31)));
    }

    [Fact]
    public void Network_failures_and_attempt_timeouts_are_transient_but_tls_failures_are_not()
    {
        Assert.True(ConnectorRetryPolicy.IsTransient(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
        Assert.True(ConnectorRetryPolicy.IsTransient(new HttpRequestException("reset")));
        Assert.True(ConnectorRetryPolicy.IsTransient(new TimeoutRejectedException()));
        Assert.False(ConnectorRetryPolicy.IsTransient(new HttpRequestException(HttpRequestError.SecureConnectionError, "bad certificate")));
        Assert.False(ConnectorRetryPolicy.IsTransient(new InvalidOperationException()));
    }

    [Fact]
    public void Reads_updates_and_deletes_may_always_be_repeated_but_a_post_only_when_surely_not_made()
    {
        var timeout = new TimeoutRejectedException();
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "reset");

        Assert.All([HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete], method =>
        {
            Assert.True(ConnectorRetryPolicy.MayRepeat(method, null, timeout));
            Assert.True(ConnectorRetryPolicy.MayRepeat(method, HttpStatusCode.BadGateway, null));
        });

        Assert.True(ConnectorRetryPolicy.MayRepeat(HttpMethod.Post, HttpStatusCode.TooManyRequests, null));
        Assert.True(ConnectorRetryPolicy.MayRepeat(HttpMethod.Post, HttpStatusCode.ServiceUnavailable, null));
        Assert.True(ConnectorRetryPolicy.MayRepeat(HttpMethod.Post, HttpStatusCode.PreconditionFailed, null));
        Assert.True(ConnectorRetryPolicy.MayRepeat(HttpMethod.Post, null, refused));
        Assert.False(ConnectorRetryPolicy.MayRepeat(HttpMethod.Post, null, timeout));
        Assert.False(ConnectorRetryPolicy.MayRepeat(HttpMethod.Post, null, reset));
        Assert.False(ConnectorRetryPolicy.MayRepeat(HttpMethod.Post, HttpStatusCode.BadGateway, null));
        Assert.False(ConnectorRetryPolicy.MayRepeat(HttpMethod.Post, HttpStatusCode.GatewayTimeout, null));
    }
}
