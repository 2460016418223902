using System.Net;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Protocol.Tests.Connector;

public sealed class ConnectorRetryTests
{
    private const string Conversation = "19:abc@thread.tacv2;messageid=1";

    private static readonly Activity Message = new() { Type = ActivityTypes.Message, Text = "Drop #12: spaced repetition" };

    [Fact]
    public async Task Throttled_send_waits_for_Retry_After_then_succeeds()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Connector.ThrottleNext(1, TimeSpan.FromSeconds(2));

        var sent = await host.Client.SendToConversationAsync(host.ServiceUrl, Conversation, Message, TestContext.Current.CancellationToken);

        var calls = host.Connector.Requests;
        Assert.Equal([429, 201], calls.Select(c => c.StatusCode));
        // Timers have millisecond resolution, so allow the delay to end a hair early.
        Assert.True(calls[1].Elapsed - calls[0].Elapsed >= TimeSpan.FromSeconds(1.98), $"retried after {calls[1].Elapsed - calls[0].Elapsed}");
        Assert.False(string.IsNullOrEmpty(sent.Id));
    }

    [Fact]
    public async Task Unavailable_service_is_retried_with_the_same_body()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Connector.FailNext(2, HttpStatusCode.ServiceUnavailable);

        await host.Client.SendToConversationAsync(host.ServiceUrl, Conversation, Message, TestContext.Current.CancellationToken);

        var calls = host.Connector.Requests;
        Assert.Equal([503, 503, 201], calls.Select(c => c.StatusCode));
        Assert.All(calls, c => Assert.Equal("POST", c.Method));
        Assert.All(calls, c => Assert.Equal(calls[0].BodyText, c.BodyText));
        Assert.Equal(Message.Text, calls[2].Text);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Transient_statuses_are_retried(HttpStatusCode status)
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Connector.FailNext(1, status);

        await host.Client.UpdateActivityAsync(host.ServiceUrl, Conversation, "1700000000001", Message, TestContext.Current.CancellationToken);

        Assert.Equal([(int)status, 200], host.Connector.Requests.Select(c => c.StatusCode));
    }

    [Fact]
    public async Task Dropped_connection_is_retried()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Connector.DropNext(1);

        var details = await host.Client.GetTeamDetailsAsync(host.ServiceUrl, "19:team@thread.tacv2", TestContext.Current.CancellationToken);

        Assert.Equal([0, 200], host.Connector.Requests.Select(c => c.StatusCode));
        Assert.Equal(host.Connector.TeamName, details.Name);
    }

    [Fact]
    public async Task Slow_attempt_times_out_and_is_retried()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:00.300" });
        host.Connector.DelayNext(1, TimeSpan.FromSeconds(5));
        var started = TimeProvider.System.GetTimestamp();

        await host.Client.UpdateActivityAsync(host.ServiceUrl, Conversation, "1700000000001", Message, TestContext.Current.CancellationToken);

        Assert.Equal(2, host.Connector.Requests.Count);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A_post_that_may_have_been_made_is_not_sent_again()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:00.300" });
        var ct = TestContext.Current.CancellationToken;

        host.Connector.DelayNext(1, TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => host.Client.SendToConversationAsync(host.ServiceUrl, Conversation, Message, ct));
        Assert.Single(host.Connector.Requests);

        host.Connector.DropNext(1);
        await Assert.ThrowsAsync<HttpRequestException>(() => host.Client.ReplyToActivityAsync(host.ServiceUrl, Conversation, "1", Message, ct));
        Assert.Equal(2, host.Connector.Requests.Count);

        host.Connector.FailNext(1, HttpStatusCode.BadGateway);
        var failure = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendToConversationAsync(host.ServiceUrl, Conversation, Message, ct));
        Assert.Equal(HttpStatusCode.BadGateway, failure.StatusCode);
        Assert.Equal(3, host.Connector.Requests.Count);
    }

    [Fact]
    public async Task Total_timeout_bounds_the_whole_call()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?> { ["TotalTimeout"] = "00:00:00.500" });
        host.Connector.ThrottleNext(1, TimeSpan.FromSeconds(2));

        // Without the total timeout the retry after Retry-After would succeed and nothing would throw.
        await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() =>
            host.Client.SendToConversationAsync(host.ServiceUrl, Conversation, Message, TestContext.Current.CancellationToken));

        Assert.Single(host.Connector.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData(HttpStatusCode.Unauthorized, "Unauthorized")]
    [InlineData(HttpStatusCode.Forbidden, "BotNotInConversationRoster")]
    [InlineData(HttpStatusCode.NotFound, "ConversationNotFound")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "MessageSizeTooBig")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalServerError")]
    public async Task Other_failures_are_not_retried(HttpStatusCode status, string errorCode)
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Connector.FailNext(5, status, errorCode, "Scripted failure.");

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(host.ServiceUrl, Conversation, Message, TestContext.Current.CancellationToken));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(errorCode, error.ErrorCode);
        Assert.Single(host.Connector.Requests);
    }

    [Fact]
    public async Task Unknown_member_surfaces_as_not_found()
    {
        await using var host = await ConnectorTestHost.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.GetMemberAsync(host.ServiceUrl, Conversation, "29:nobody", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("MemberNotFoundInConversation", error.ErrorCode);
    }

    [Fact]
    public async Task Exhausted_retries_surface_the_last_failure()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Connector.FailNext(10, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(host.ServiceUrl, Conversation, Message, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.Equal(5, host.Connector.Requests.Count);
    }

    [Fact]
    public async Task Retry_After_beyond_the_longest_delay_fails_at_once()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?> { ["MaxDelay"] = "00:00:05" });
        host.Connector.ThrottleNext(1, TimeSpan.FromSeconds(60));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(host.ServiceUrl, Conversation, Message, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Single(host.Connector.Requests);
    }

    [Fact]
    public async Task Attempt_count_is_configurable()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?> { ["MaxRetryAttempts"] = "1" });
        host.Connector.FailNext(3, HttpStatusCode.BadGateway);

        await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.DeleteActivityAsync(host.ServiceUrl, Conversation, "1700000000001", TestContext.Current.CancellationToken));

        Assert.Equal(2, host.Connector.Requests.Count);
    }
}
