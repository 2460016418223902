using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Protocol.Tests.Connector;

public sealed class ConnectorClientRouteTests
{
    private const string Thread = "19:abc@thread.tacv2;messageid=1";
    private const string EscapedThread = "19%3Aabc%40thread.tacv2%3Bmessageid%3D1";
    private const string Team = "19:team@thread.tacv2";
    private const string EscapedTeam = "19%3Ateam%40thread.tacv2";

    private static readonly Activity Message = new() { Type = ActivityTypes.Message, Text = "hello" };

    [Fact]
    public async Task Every_route_hits_its_method_and_escaped_path()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var client = host.Client;
        var url = host.ServiceUrl;
        var ct = TestContext.Current.CancellationToken;

        await client.SendToConversationAsync(url, Thread, Message, ct);
        await client.ReplyToActivityAsync(url, Thread, "1700000000005", Message, ct);
        await client.UpdateActivityAsync(url, Thread, "1700000000005", Message, ct);
        await client.DeleteActivityAsync(url, Thread, "1700000000005", ct);
        await client.CreateConversationAsync(url, ConversationParameters.ForPersonalChat("29:1user-0001", "tenant", null), ct);
        await client.GetMemberAsync(url, Thread, "29:1user-0001", ct);
        await client.GetPagedMembersAsync(url, Team, cancellationToken: ct);
        await client.GetTeamDetailsAsync(url, Team, ct);
        await client.GetTeamChannelsAsync(url, Team, ct);

        Assert.Equal(
            [
                ("POST", $"/v3/conversations/{EscapedThread}/activities"),
                ("POST", $"/v3/conversations/{EscapedThread}/activities/1700000000005"),
                ("PUT", $"/v3/conversations/{EscapedThread}/activities/1700000000005"),
                ("DELETE", $"/v3/conversations/{EscapedThread}/activities/1700000000005"),
                ("POST", "/v3/conversations"),
                ("GET", $"/v3/conversations/{EscapedThread}/members/29%3A1user-0001"),
                ("GET", $"/v3/conversations/{EscapedTeam}/pagedmembers"),
                ("GET", $"/v3/teams/{EscapedTeam}"),
                ("GET", $"/v3/teams/{EscapedTeam}/conversations"),
            ],
            host.Connector.Requests.Select(r => (r.Method, r.RawPath)));
        Assert.All(host.Connector.Requests, r => Assert.True(r.Succeeded, $"{r.Method} {r.RawPath} answered {r.StatusCode}"));
        Assert.Equal(Thread, host.Connector.Requests[0].ConversationId);
    }

    [Theory]
    [InlineData("", "/v3/conversations/a%3A1/activities")]
    [InlineData("/", "/v3/conversations/a%3A1/activities")]
    [InlineData("/amer", "/amer/v3/conversations/a%3A1/activities")]
    [InlineData("/amer/", "/amer/v3/conversations/a%3A1/activities")]
    public async Task Service_url_joins_with_or_without_a_trailing_slash(string path, string expectedPath)
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var serviceUrl = host.Connector.BaseUri.AbsoluteUri.TrimEnd('/') + path;

        await host.Client.SendToConversationAsync(serviceUrl, "a:1", Message, TestContext.Current.CancellationToken);

        Assert.Equal(expectedPath, Assert.Single(host.Connector.Requests).RawPath);
    }

    [Fact]
    public async Task Bodies_are_camel_case_json_without_nulls()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "Today's drop",
            TextFormat = "markdown",
            ChannelData = new TeamsChannelData { Notification = new NotificationInfo { Alert = true } },
        };

        var sent = await host.Client.ReplyToActivityAsync(host.ServiceUrl, Thread, "1700000000005", activity, TestContext.Current.CancellationToken);

        var request = Assert.Single(host.Connector.Requests);
        var body = Assert.NotNull(request.Body);
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.Equal("Today's drop", request.Text);
        Assert.Equal("1700000000005", body.GetProperty("replyToId").GetString());
        Assert.True(body.GetProperty("channelData").GetProperty("notification").GetProperty("alert").GetBoolean());
        AssertCamelCaseWithoutNulls(body);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(request.BodyText!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Content-Length"]);
        Assert.False(string.IsNullOrEmpty(sent.Id));
    }

    [Fact]
    public async Task Update_replaces_the_activity_under_its_id()
    {
        await using var host = await ConnectorTestHost.StartAsync();

        var updated = await host.Client.UpdateActivityAsync(host.ServiceUrl, Thread, "1700000000042", Message with { Text = "edited" }, TestContext.Current.CancellationToken);

        var body = Assert.Single(host.Connector.Requests).Body!.Value;
        Assert.Equal("1700000000042", body.GetProperty("id").GetString());
        Assert.Equal("edited", body.GetProperty("text").GetString());
        Assert.Equal("1700000000042", updated.Id);
    }

    [Fact]
    public async Task Creating_a_channel_thread_returns_the_thread_conversation_id()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var channel = "19:c0ffee01d2e34f5a@thread.tacv2";
        var parameters = ConversationParameters.ForChannelThread(channel, "tenant-1", new ChannelAccount { Id = "28:app", Name = "Bot" }, Message);

        var created = await host.Client.CreateConversationAsync(host.ServiceUrl, parameters, TestContext.Current.CancellationToken);

        Assert.Equal($"{channel};messageid={created.ActivityId}", created.Id);
        Assert.Equal(created.ActivityId, ThreadIds.RootMessageOf(created.Id));
        var body = Assert.Single(host.Connector.Requests).Body!.Value;
        Assert.True(body.GetProperty("isGroup").GetBoolean());
        Assert.Equal(channel, body.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("tenant-1", body.GetProperty("tenantId").GetString());
        Assert.Equal("hello", body.GetProperty("activity").GetProperty("text").GetString());
        AssertCamelCaseWithoutNulls(body);
    }

    [Fact]
    public async Task Opening_a_personal_chat_twice_returns_the_same_chat()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var parameters = ConversationParameters.ForPersonalChat("29:1user-0002", "tenant-1", new ChannelAccount { Id = "28:app" });
        var ct = TestContext.Current.CancellationToken;

        var first = await host.Client.CreateConversationAsync(host.ServiceUrl, parameters, ct);
        var second = await host.Client.CreateConversationAsync(host.ServiceUrl, parameters, ct);

        Assert.StartsWith("a:", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("29:1user-0002", host.Connector.Requests[0].Body!.Value.GetProperty("members")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task All_members_follow_continuation_tokens_to_the_last_page()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Connector.Members = FakeMember.Generate(1234);

        var members = await host.Client.GetAllMembersAsync(host.ServiceUrl, Team, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(host.Connector.Members.Select(m => m.Id), members.Select(m => m.Id));
        Assert.Equal(host.Connector.Members[7].AadObjectId, members[7].AadId);
        var calls = host.Connector.Requests;
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal("500", c.Query["pageSize"]));
        Assert.False(calls[0].Query.ContainsKey("continuationToken"));
        Assert.NotEqual(calls[1].Query["continuationToken"], calls[2].Query["continuationToken"]);
        // The tokens are base64 ending in '=': sent escaped, read back intact by the fake.
        Assert.All(calls.Skip(1), c => Assert.EndsWith("%3D", c.QueryString, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Team_details_and_channels_read_like_teams()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        var details = await host.Client.GetTeamDetailsAsync(host.ServiceUrl, Team, ct);
        var channels = await host.Client.GetTeamChannelsAsync(host.ServiceUrl, Team, ct);

        Assert.Equal(Team, details.Id);
        Assert.Equal(host.Connector.TeamName, details.Name);
        Assert.Equal(host.Connector.TeamAadGroupId, details.AadGroupId);
        var general = Assert.Single(channels, c => c.Id == Team);
        Assert.Null(general.Name);
        Assert.Contains(channels, c => c.Name == "Announcements");
    }

    private static void AssertCamelCaseWithoutNulls(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Assert.True(char.IsLower(property.Name[0]), $"{path}.{property.Name} is not camelCase");
                    Assert.NotEqual(JsonValueKind.Null, property.Value.ValueKind);
                    AssertCamelCaseWithoutNulls(property.Value, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AssertCamelCaseWithoutNulls(item, path + "[]");
                }

                break;
        }
    }
}
