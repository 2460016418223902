using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Protocol.Tests.Connector;

/// <summary>
/// Real-time checks of the per-conversation limits, measured on the fake's arrival times: Teams
/// counts what reaches it, not what the bot meant to send.
/// </summary>
public sealed class ConversationRateLimitTests
{
    private const string Channel = "19:abc@thread.tacv2";

    private static readonly Activity Message = new() { Type = ActivityTypes.Message, Text = "hi" };

    [Fact]
    public async Task Sends_to_a_channel_and_its_threads_keep_to_7_per_second_and_8_per_2_seconds()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        // Threads of one channel share its budget.
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            host.Client.SendToConversationAsync(host.ServiceUrl, i % 2 == 0 ? Channel : ThreadIds.Thread(Channel, $"{1700000000000 + i}"), Message, ct)));

        var calls = host.Connector.Requests;
        Assert.Equal(30, calls.Count);
        Assert.All(calls, c => Assert.True(c.Succeeded));
        Assert.InRange(Arrivals.MaxInWindow(calls, TimeSpan.FromSeconds(1)), 1, 7);
        Assert.InRange(Arrivals.MaxInWindow(calls, TimeSpan.FromSeconds(2)), 1, 8);
        // 8 per 2 s puts the 25th-31st sends at 6 s at the earliest.
        Assert.True(Arrivals.Span(calls) >= TimeSpan.FromSeconds(5.95), $"30 sends took {Arrivals.Span(calls)}");
    }

    [Fact]
    public async Task Configured_limits_replace_Teams_defaults()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConversationLimitPerSecond"] = "35",
            ["ConversationLimitPer2Seconds"] = "40",
            ["ConversationLimitPer30Seconds"] = "1000",
            ["AppLimitPerSecond"] = "1000",
        });
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => host.Client.SendToConversationAsync(host.ServiceUrl, Channel, Message, ct)));

        var calls = host.Connector.Requests;
        Assert.Equal(100, calls.Count);
        Assert.InRange(Arrivals.MaxInWindow(calls, TimeSpan.FromSeconds(1)), 8, 35);
        Assert.InRange(Arrivals.MaxInWindow(calls, TimeSpan.FromSeconds(2)), 9, 40);
        // 40 per 2 s puts the 81st-100th sends at 4 s at the earliest.
        Assert.True(Arrivals.Span(calls) >= TimeSpan.FromSeconds(3.95), $"100 sends took {Arrivals.Span(calls)}");
    }

    [Fact]
    public async Task Conversations_do_not_wait_for_each_other()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 35).Select(i =>
            host.Client.SendToConversationAsync(host.ServiceUrl, $"19:channel{i % 5}@thread.tacv2", Message, ct)));

        Assert.True(Arrivals.Span(host.Connector.Requests) < TimeSpan.FromSeconds(0.9), $"took {Arrivals.Span(host.Connector.Requests)}");
    }

    [Fact]
    public async Task Reads_take_no_conversation_permit()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.Client.GetPagedMembersAsync(host.ServiceUrl, Channel, cancellationToken: ct)));

        Assert.True(Arrivals.Span(host.Connector.Requests) < TimeSpan.FromSeconds(0.9), $"took {Arrivals.Span(host.Connector.Requests)}");
    }

    [Fact]
    public async Task Clients_share_one_limiter()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var first = host.Client;
        var second = host.Client;
        Assert.NotSame(first, second);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? first : second).SendToConversationAsync(host.ServiceUrl, Channel, Message, ct)));

        // Seven pass at once; the eighth waits for the 1 s window, whichever client sends it.
        Assert.True(Arrivals.Span(host.Connector.Requests) >= TimeSpan.FromSeconds(1), $"took {Arrivals.Span(host.Connector.Requests)}");
    }

    [Fact]
    public async Task Waiting_for_a_permit_can_be_cancelled()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?> { ["ConversationLimitPerSecond"] = "1" });
        var ct = TestContext.Current.CancellationToken;
        await host.Client.SendToConversationAsync(host.ServiceUrl, Channel, Message, ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            host.Client.SendToConversationAsync(host.ServiceUrl, Channel, Message, cancel.Token));

        Assert.Single(host.Connector.Requests);
    }
}
