using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace TeamsLearningBot.Tests.Drops;

/// <summary>
/// A Bot Connector inside the bot's HttpClient: answers create-conversation like Teams, records
/// what was posted, and can be scripted to fail or to run code right after a post was accepted.
/// </summary>
internal sealed class InProcessConnector : HttpMessageHandler
{
    private readonly ConcurrentQueue<(HttpStatusCode Status, Func<string, bool> When)> failures = new();
    private readonly ConcurrentBag<ConnectorPost> posts = [];
    private readonly ConcurrentBag<string> attempts = [];
    private long nextId = 1_800_000_000_000;

    /// <summary>Runs after Teams "accepted" a post and before the bot sees the answer.</summary>
    public Action<ConnectorPost>? AfterPost { get; set; }

    public IReadOnlyList<ConnectorPost> Posts => [.. posts.OrderBy(p => p.ActivityId, StringComparer.Ordinal)];

    /// <summary>Channel ids of every create-conversation call, answered or not.</summary>
    public IReadOnlyList<string> Attempts => [.. attempts];

    /// <summary>Fails the next <paramref name="count"/> posts to channels that match <paramref name="when"/>.</summary>
    public void FailNext(int count, HttpStatusCode status, Func<string, bool>? when = null)
    {
        for (var i = 0; i < count; i++)
        {
            failures.Enqueue((status, when ?? (_ => true)));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Post && path.EndsWith("/v3/conversations", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(body!);
            var channel = json.RootElement.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString()!;
            attempts.Add(channel);
            if (TakeFailure(channel) is { } status)
            {
                return Json(status, JsonSerializer.Serialize(new { error = new { code = status.ToString(), message = "Scripted." } }));
            }

            var activityId = Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var post = new ConnectorPost(channel, activityId, json.RootElement.GetProperty("activity").Clone());
            posts.Add(post);
            AfterPost?.Invoke(post);
            return Json(HttpStatusCode.Created, JsonSerializer.Serialize(new { id = channel + ";messageid=" + activityId, activityId }));
        }

        if (request.Method == HttpMethod.Post && path.EndsWith("/activities", StringComparison.Ordinal))
        {
            return Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { id = Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }

        return Json(HttpStatusCode.NotFound, """{"error":{"code":"NotFound"}}""");
    }

    // The HttpClient factory disposes primary handlers when it rotates them; this one lives as long as the test.
    protected override void Dispose(bool disposing) => base.Dispose(disposing: false);

    private HttpStatusCode? TakeFailure(string channel)
    {
        lock (failures)
        {
            var pending = failures.ToArray();
            var index = Array.FindIndex(pending, f => f.When(channel));
            if (index < 0)
            {
                return null;
            }

            failures.Clear();
            for (var i = 0; i < pending.Length; i++)
            {
                if (i != index)
                {
                    failures.Enqueue(pending[i]);
                }
            }

            return pending[index].Status;
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
