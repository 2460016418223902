using System.Net;
using System.Text;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Hosting;

public sealed class MessagesEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly BotApplicationFactory app = new(azurite);
    private FakeConnector teams = null!;

    public async ValueTask InitializeAsync() => teams = await FakeConnector.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"type\":\"message\",")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"text\":\"no type\"}")]
    [InlineData("{\"type\":\"\"}")]
    public async Task Malformed_or_typeless_bodies_are_rejected_with_400(string body)
    {
        var response = await app.PostActivityAnyStatusAsync(body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(teams.Requests);
    }

    [Fact]
    public async Task An_oversize_body_is_rejected_with_413()
    {
        var activity = TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help " + new string('x', 300 * 1024));

        var response = await app.PostActivityAnyStatusAsync(activity, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(teams.Requests);
    }

    [Fact]
    public async Task An_oversize_chunked_body_without_content_length_is_rejected_with_413()
    {
        var client = app.CreateClient();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('x', 300 * 1024) + "\"}")));
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_without_content_length_is_read_whole()
    {
        // Well over the first read buffer, under the limit: the body is read in several growing steps.
        var activity = TestActivities.Load("personal-message", teams.ServiceUrl, a =>
        {
            a["text"] = "help";
            a["padding"] = new string('x', 100 * 1024);
        });
        var client = app.CreateClient();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(activity.ToJsonString())));
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(teams.Activities);
        Assert.Contains("application/vnd.microsoft.card.adaptive", reply.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_activity_type_is_acknowledged_and_ignored()
    {
        var response = await app.PostActivityAsync(TestActivities.Load("personal-message", teams.ServiceUrl, a => a["type"] = "somethingNew"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(teams.Requests);
    }

    [Fact]
    public async Task An_invoke_nobody_handles_answers_501()
    {
        var response = await app.PostActivityAnyStatusAsync(
            TestActivities.Load("invoke-adaptive-card-action", teams.ServiceUrl, a => a["name"] = "composeExtension/query"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Only_post_is_allowed()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/api/messages", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_connector_outage_fails_the_request_so_teams_redelivers()
    {
        teams.FailNext(10, HttpStatusCode.BadGateway);

        var response = await app.PostActivityAnyStatusAsync(TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
