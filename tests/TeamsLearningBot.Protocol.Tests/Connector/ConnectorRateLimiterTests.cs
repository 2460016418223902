using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Protocol.Tests.Connector;

public sealed class ConnectorRateLimiterTests
{
    [Fact]
    public async Task Idle_conversations_are_forgotten()
    {
        using var limiter = new ConnectorRateLimiter([new RateWindow(5, TimeSpan.FromMilliseconds(100))], new RateWindow(100, TimeSpan.FromMilliseconds(100)), queueLimit: 10);
        var ct = TestContext.Current.CancellationToken;

        using (await limiter.AcquireAsync("19:a@thread.tacv2", ct))
        using (await limiter.AcquireAsync("19:a@thread.tacv2;messageid=2", ct))
        {
            Assert.Equal(1, limiter.ConversationPartitionsCreated);
        }

        // Partitioned limiters drop a partition once it has been idle for 10 s.
        await Task.Delay(TimeSpan.FromSeconds(12), ct);
        using (await limiter.AcquireAsync("19:a@thread.tacv2", ct))
        {
            Assert.Equal(2, limiter.ConversationPartitionsCreated);
        }
    }

    [Theory]
    [InlineData("19:abc@thread.tacv2;messageid=1700000000000", "19:abc@thread.tacv2")]
    [InlineData("19:abc@thread.tacv2", "19:abc@thread.tacv2")]
    [InlineData("a:1qhNLqp", "a:1qhNLqp")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_thread_is_limited_as_its_channel(string? conversationId, string? partition) =>
        Assert.Equal(partition, ConnectorRateLimiter.PartitionOf(conversationId));
}
