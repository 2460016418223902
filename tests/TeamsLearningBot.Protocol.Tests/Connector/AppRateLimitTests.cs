using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Tests.Connector;

public sealed class AppRateLimitTests
{
    private static readonly Activity Message = new() { Type = ActivityTypes.Message, Text = "hi" };

    [Fact]
    public async Task All_conversations_together_keep_to_50_per_second()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            host.Client.SendToConversationAsync(host.ServiceUrl, $"19:channel{i % 60}@thread.tacv2", Message, ct)));

        var calls = host.Connector.Requests;
        Assert.Equal(120, calls.Count);
        Assert.InRange(Arrivals.MaxInWindow(calls, TimeSpan.FromSeconds(1)), 1, 50);
        // 50 per second puts the 101st-120th requests at 2 s at the earliest.
        Assert.True(Arrivals.Span(calls) >= TimeSpan.FromSeconds(1.95), $"120 sends took {Arrivals.Span(calls)}");
    }

    [Fact]
    public async Task Reads_count_against_the_app_limit()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?> { ["AppLimitPerSecond"] = "5" });
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => host.Client.GetTeamDetailsAsync(host.ServiceUrl, $"19:team{i}@thread.tacv2", ct)));

        var calls = host.Connector.Requests;
        Assert.InRange(Arrivals.MaxInWindow(calls, TimeSpan.FromSeconds(1)), 1, 5);
        Assert.True(Arrivals.Span(calls) >= TimeSpan.FromSeconds(1), $"6 reads took {Arrivals.Span(calls)}");
    }
}
