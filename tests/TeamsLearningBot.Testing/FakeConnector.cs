using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeamsLearningBot.Testing;

/// <summary>
/// A Bot Connector on loopback that answers like Teams and records every request. Point a bot at
/// <see cref="ServiceUrl"/> (as an activity's <c>serviceUrl</c>), then assert on <see cref="Requests"/>.
/// Failures and slow answers are scripted with <see cref="FailNext(int, FakeFailure, Func{RecordedRequest, bool}?)"/>
/// and its shorthands.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly long started;
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly ConcurrentQueue<FakeThread> threads = new();
    private readonly List<Script> scripts = [];
    private readonly List<(Func<RecordedRequest, bool> Predicate, TaskCompletionSource<RecordedRequest> Done)> waiters = [];
    private long nextActivityId = 1_700_000_000_000;
    private int sequence;
    private FakeFailure? outage;

    private FakeConnector(WebApplication app, TimeProvider time)
    {
        this.app = app;
        this.time = time;
        started = time.GetTimestamp();
    }

    /// <summary>The root address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The <c>serviceUrl</c> to hand the bot; it ends with <c>/</c> like Teams' own.</summary>
    public string ServiceUrl => BaseUri.AbsoluteUri;

    public string TenantId { get; set; } = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>The roster every conversation and team answers with.</summary>
    public IReadOnlyList<FakeMember> Members { get; set; } = FakeMember.Generate(5);

    /// <summary>The members of private or shared channels, by channel id: their <c>pagedmembers</c> answer with these, any other conversation with <see cref="Members"/>.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<FakeMember>> ChannelMembers { get; } = new(StringComparer.Ordinal);

    public string TeamName { get; set; } = "Contoso Learning";

    public string TeamAadGroupId { get; set; } = "0c1b3e65-6c8a-4f2e-9b59-2f1d3b1e9a01";

    /// <summary>Channels besides General (which has the team's id and no name).</summary>
    public IReadOnlyList<FakeChannel> Channels { get; set; } = [new("19:c0ffee01d2e34f5a@thread.tacv2", "Announcements")];

    /// <summary>Page size of <c>pagedmembers</c> when the caller names none (the fake's choice).</summary>
    public int DefaultPageSize { get; set; } = 200;

    /// <summary>
    /// While set, every request that no script takes is answered with this failure (a sustained
    /// outage, a throttling storm, a slow Teams); null answers as usual.
    /// </summary>
    public FakeFailure? Outage
    {
        get => Volatile.Read(ref outage);
        set => Volatile.Write(ref outage, value);
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Activities the bot sent, replied or updated that the fake accepted.</summary>
    public IReadOnlyList<RecordedRequest> Activities =>
        [.. Requests.Where(r => r.Succeeded && r.Method is "POST" or "PUT" && r.Route is ["conversations", _, "activities", ..])];

    /// <summary>The 1:1 chat id this Connector gives a user: stable per user, as Teams returns the same chat each time.</summary>
    public static string PersonalChatOf(string userId) =>
        "a:1" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..24];

    /// <summary>Starts a connector on 127.0.0.1 at a free port.</summary>
    public static async Task<FakeConnector> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeConnector(app, timeProvider ?? TimeProvider.System);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>Answers the next <paramref name="count"/> requests (that match <paramref name="when"/>, if given) with <paramref name="failure"/>.</summary>
    public void FailNext(int count, FakeFailure failure, Func<RecordedRequest, bool>? when = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(failure);
        lock (gate)
        {
            scripts.Add(new Script(failure, when, count));
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="statusCode"/> and an <c>{error:{code,message}}</c> body.</summary>
    public void FailNext(int count, HttpStatusCode statusCode, string? errorCode = null, string? message = null, Func<RecordedRequest, bool>? when = null) =>
        FailNext(count, FakeFailure.Status(statusCode, errorCode ?? statusCode.ToString(), message ?? $"Scripted {(int)statusCode}."), when);

    /// <summary>Answers the next <paramref name="count"/> requests with 429 and <c>Retry-After</c> in seconds.</summary>
    public void ThrottleNext(int count, TimeSpan retryAfter, Func<RecordedRequest, bool>? when = null) =>
        FailNext(count, FakeFailure.Throttled(retryAfter), when);

    /// <summary>Closes the connection on the next <paramref name="count"/> requests without answering.</summary>
    public void DropNext(int count, Func<RecordedRequest, bool>? when = null) => FailNext(count, FakeFailure.Dropped(), when);

    /// <summary>Answers the next <paramref name="count"/> requests as usual, but <paramref name="delay"/> late.</summary>
    public void DelayNext(int count, TimeSpan delay, Func<RecordedRequest, bool>? when = null) => FailNext(count, FakeFailure.Slow(delay), when);

    /// <summary>
    /// The channel threads created since the last call (a post that starts a thread: the drop cards),
    /// with the ids the fake answered; <see cref="Reset"/> leaves them.
    /// </summary>
    public IReadOnlyList<FakeThread> TakeThreads()
    {
        var taken = new List<FakeThread>();
        while (threads.TryDequeue(out var thread))
        {
            taken.Add(thread);
        }

        return taken;
    }

    /// <summary>Forgets recorded requests and scripted failures.</summary>
    public void Reset()
    {
        lock (gate)
        {
            requests.Clear();
            scripts.Clear();
        }
    }

    /// <summary>The first request (already recorded or still to come) that matches <paramref name="predicate"/>.</summary>
    public Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (gate)
        {
            if (requests.FirstOrDefault(predicate) is { } seen)
            {
                return Task.FromResult(seen);
            }

            var done = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((predicate, done));
            return done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10), time, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = time.GetUtcNow();
        var elapsed = time.GetElapsedTime(started);
        var request = context.Request;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryAt = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryAt < 0 ? rawTarget : rawTarget[..queryAt];

        string? bodyText = null;
        JsonElement? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            bodyText = await reader.ReadToEndAsync(context.RequestAborted);
            body = TryParse(bodyText);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        var recorded = new RecordedRequest
        {
            Sequence = 0,
            Method = request.Method,
            RawPath = rawPath,
            Segments = [.. rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)],
            QueryString = request.QueryString.Value ?? string.Empty,
            Query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Headers = headers,
            BodyText = bodyText,
            Body = body,
            ReceivedAt = receivedAt,
            Elapsed = elapsed,
            StatusCode = 0,
        };

        var script = TakeScript(recorded);
        var (status, answer, retryAfter) = script is { StatusCode: { } scripted }
            ? ((int)scripted, ErrorBody(script), script.RetryAfter)
            : Answer(recorded);
        if (script is { DropConnection: true })
        {
            Record(recorded with { StatusCode = 0 });
            context.Abort();
            return;
        }

        Record(recorded with { StatusCode = status });
        if (script is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, context.RequestAborted);
        }

        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (answer is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.ToJsonString(Json), context.RequestAborted);
        }
    }

    private (int Status, JsonNode? Body, string? RetryAfter) Answer(RecordedRequest r) => (r.Method, r.Route) switch
    {
        ("POST", ["conversations"]) => (201, CreateConversation(r.Body), null),
        ("POST", ["conversations", _, "activities"]) => (201, new JsonObject { ["id"] = NewActivityId() }, null),
        ("POST", ["conversations", _, "activities", _]) => (201, new JsonObject { ["id"] = NewActivityId() }, null),
        ("PUT", ["conversations", _, "activities", var activityId]) => (200, new JsonObject { ["id"] = activityId }, null),
        ("DELETE", ["conversations", _, "activities", _]) => (200, null, null),
        ("GET", ["conversations", _, "members"]) => (200, new JsonArray([.. Members.Select(ToJson)]), null),
        ("GET", ["conversations", _, "activities", _, "members"]) => (200, new JsonArray([.. Members.Select(ToJson)]), null),
        ("GET", ["conversations", _, "members", var memberId]) => FindMember(memberId) is { } member
            ? (200, ToJson(member), null)
            : (404, Error("MemberNotFoundInConversation", "The member is not part of the conversation."), null),
        ("GET", ["conversations", var conversationId, "pagedmembers"]) => PagedMembers(conversationId, r.Query),
        ("GET", ["teams", var teamId]) => (200, TeamDetails(teamId), null),
        ("GET", ["teams", var teamId, "conversations"]) => (200, TeamChannels(teamId), null),
        _ => (404, Error("NotFound", $"No route for {r.Method} {r.RawPath}."), null),
    };

    private JsonObject CreateConversation(JsonElement? body)
    {
        var channelId = Property(body, "channelData", "channel", "id") ?? Property(body, "channelData", "teamsChannelId");
        if (channelId is not null)
        {
            // A new thread: the conversation is the channel plus the root post's id.
            var activityId = NewActivityId();
            var conversationId = $"{channelId};messageid={activityId}";
            threads.Enqueue(new FakeThread(channelId, conversationId, activityId, body?.Clone()));
            return new JsonObject { ["id"] = conversationId, ["activityId"] = activityId };
        }

        var isGroup = body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("isGroup", out var g) && g.ValueKind == JsonValueKind.True;
        var memberId = body is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array && members.GetArrayLength() > 0
            ? Property(members[0], "id")
            : null;
        if (!isGroup && memberId is not null)
        {
            return new JsonObject { ["id"] = PersonalChatOf(memberId) };
        }

        return new JsonObject { ["id"] = $"19:{Guid.NewGuid():N}@thread.v2" };
    }

    private (int, JsonNode?, string?) PagedMembers(string conversationId, IReadOnlyDictionary<string, string> query)
    {
        // Teams treats a page size under 50 as 50 and caps it at 500.
        var pageSize = query.TryGetValue("pageSize", out var size) && int.TryParse(size, CultureInfo.InvariantCulture, out var parsed)
            ? Math.Clamp(parsed, 50, 500)
            : DefaultPageSize;
        var offset = 0;
        if (query.TryGetValue("continuationToken", out var token) && !string.IsNullOrEmpty(token))
        {
            if (!TryReadToken(token, out offset))
            {
                return (400, Error("BadArgument", "Invalid continuation token."), null);
            }
        }

        var members = ChannelMembers.TryGetValue(conversationId, out var channel) ? channel : Members;
        var page = new JsonObject { ["members"] = new JsonArray([.. members.Skip(offset).Take(pageSize).Select(ToJson)]) };
        if (offset + pageSize < members.Count)
        {
            page["continuationToken"] = WriteToken(offset + pageSize);
        }

        return (200, page, null);
    }

    private JsonObject TeamDetails(string teamId) => new()
    {
        ["id"] = teamId,
        ["name"] = TeamName,
        ["aadGroupId"] = TeamAadGroupId,
        ["channelCount"] = Channels.Count + 1,
        ["memberCount"] = Members.Count,
        ["type"] = "standard",
    };

    private JsonObject TeamChannels(string teamId)
    {
        JsonNode general = new JsonObject { ["id"] = teamId, ["name"] = null };
        return new JsonObject
        {
            ["conversations"] = new JsonArray([general, .. Channels.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["name"] = c.Name })]),
        };
    }

    private FakeMember? FindMember(string id) => Members.FirstOrDefault(m =>
        string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(m.AadObjectId, id, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(m.UserPrincipalName, id, StringComparison.OrdinalIgnoreCase));

    private JsonNode ToJson(FakeMember member)
    {
        var node = JsonSerializer.SerializeToNode(member, Json)!.AsObject();
        node["tenantId"] = TenantId;
        return node;
    }

    private string NewActivityId() => Interlocked.Increment(ref nextActivityId).ToString(CultureInfo.InvariantCulture);

    private FakeFailure? TakeScript(RecordedRequest request)
    {
        lock (gate)
        {
            var script = scripts.FirstOrDefault(s => s.Remaining > 0 && (s.When is null || s.When(request)));
            if (script is null)
            {
                return Outage;
            }

            script.Remaining--;
            if (script.Remaining == 0)
            {
                scripts.Remove(script);
            }

            return script.Failure;
        }
    }

    private void Record(RecordedRequest request)
    {
        List<TaskCompletionSource<RecordedRequest>> completed = [];
        lock (gate)
        {
            request = request with { Sequence = ++sequence };
            requests.Add(request);
            foreach (var waiter in waiters.Where(w => w.Predicate(request)).ToList())
            {
                waiters.Remove(waiter);
                completed.Add(waiter.Done);
            }
        }

        foreach (var done in completed)
        {
            done.TrySetResult(request);
        }
    }

    private static JsonObject? ErrorBody(FakeFailure failure) =>
        failure.ErrorCode is null && failure.Message is null ? null : Error(failure.ErrorCode, failure.Message);

    private static JsonObject Error(string? code, string? message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static string WriteToken(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"members?offset={offset.ToString(CultureInfo.InvariantCulture)}&v=1"));

    private static bool TryReadToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            const string Prefix = "members?offset=";
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var end = text.IndexOf('&', StringComparison.Ordinal);
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && end > Prefix.Length
                && int.TryParse(text[Prefix.Length..end], CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static JsonElement? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Property(JsonElement? element, params string[] path)
    {
        if (element is not { } current)
        {
            return null;
        }

        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.String ? current.GetString() : null;
    }

    private sealed class Script(FakeFailure failure, Func<RecordedRequest, bool>? when, int remaining)
    {
        public FakeFailure Failure { get; } = failure;

        public Func<RecordedRequest, bool>? When { get; } = when;

        public int Remaining { get; set; } = remaining;
    }
}
