using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
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

namespace TeamsLearningBot.Benchmarks;

/// <summary>
/// A Bot Connector on loopback for the nudge fan-out, enforcing Teams' limits strictly: 50 requests
/// per second for the app (every request: member pages, 1:1 chat creation, sends) and, per
/// conversation, 7 in any 1 s, 8 in any 2 s and 60 in any 30 s. A request over a limit gets 429 with
/// <c>Retry-After</c> and is not counted. It lists a roster of <c>members</c> people (paged, 500 a
/// page), opens a stable 1:1 chat per person, and records every message sent into one.
/// </summary>
internal sealed class NudgeConnector : IAsyncDisposable
{
    private const int PageSize = 500;
    private readonly WebApplication app;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private readonly SlidingLimit appLimit = new(50, TimeSpan.FromSeconds(1));
    private readonly Dictionary<string, SlidingLimit[]> conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Conversation, TimeSpan At)> messages = new();
    private readonly ConcurrentDictionary<string, string> chatOwners = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<(string Id, string Aad)> members;
    private int throttled;
    private int accepted;
    private long nextActivityId = 1;

    private NudgeConnector(WebApplication app, IReadOnlyList<(string Id, string Aad)> members)
    {
        this.app = app;
        this.members = members;
    }

    public string ServiceUrl { get; private set; } = string.Empty;

    public int Throttled => Volatile.Read(ref throttled);

    public int Accepted => Volatile.Read(ref accepted);

    public TimeSpan Now => clock.Elapsed;

    /// <summary>Messages sent into 1:1 chats, with the user each chat belongs to.</summary>
    public IReadOnlyList<(string UserId, TimeSpan At)> Messages => [.. messages.Select(m => (chatOwners.GetValueOrDefault(m.Conversation, m.Conversation), m.At))];

    public static string ChatOf(string userId) => "a:1" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..24];

    public static async Task<NudgeConnector> StartAsync(IReadOnlyList<(string Id, string Aad)> members)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new NudgeConnector(app, members);
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        connector.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/";
        return connector;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var v3 = Array.IndexOf(segments, "v3");
        var route = v3 < 0 ? segments : segments[(v3 + 1)..];
        var method = context.Request.Method;
        var conversation = route is ["conversations", var id, ..] ? id : null;
        var isSend = method == "POST" && route is ["conversations", _, "activities"];
        var wait = Admit(isSend ? conversation : null);
        if (wait > TimeSpan.Zero)
        {
            Interlocked.Increment(ref throttled);
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return;
        }

        Interlocked.Increment(ref accepted);
        switch (method, route)
        {
            case ("POST", ["conversations"]):
                using (var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))
                {
                    var user = body.RootElement.GetProperty("members")[0].GetProperty("id").GetString()!;
                    var chat = ChatOf(user);
                    chatOwners[chat] = user;
                    context.Response.StatusCode = 201;
                    await context.Response.WriteAsJsonAsync(new { id = chat }, context.RequestAborted);
                }

                return;
            case ("POST", ["conversations", var chatId, "activities"]):
                messages.Enqueue((chatId, clock.Elapsed));
                context.Response.StatusCode = 201;
                await context.Response.WriteAsJsonAsync(new { id = Interlocked.Increment(ref nextActivityId).ToString(CultureInfo.InvariantCulture) }, context.RequestAborted);
                return;
            case ("GET", ["conversations", _, "pagedmembers"]):
                var offset = int.TryParse(context.Request.Query["continuationToken"], CultureInfo.InvariantCulture, out var o) ? o : 0;
                var page = new JsonObject
                {
                    ["members"] = new JsonArray([.. members.Skip(offset).Take(PageSize).Select(m => (JsonNode)new JsonObject { ["id"] = m.Id, ["aadObjectId"] = m.Aad, ["name"] = "Member " + m.Id[^5..], ["userRole"] = "user" })]),
                };
                if (offset + PageSize < members.Count)
                {
                    page["continuationToken"] = (offset + PageSize).ToString(CultureInfo.InvariantCulture);
                }

                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(page.ToJsonString(), context.RequestAborted);
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    private TimeSpan Admit(string? conversation)
    {
        lock (gate)
        {
            var now = clock.Elapsed;
            SlidingLimit[] limits = [appLimit];
            if (conversation is not null)
            {
                if (!conversations.TryGetValue(conversation, out var own))
                {
                    own = [new(7, TimeSpan.FromSeconds(1)), new(8, TimeSpan.FromSeconds(2)), new(60, TimeSpan.FromSeconds(30))];
                    conversations[conversation] = own;
                }

                limits = [.. own, appLimit];
            }

            var wait = limits.Select(l => l.WaitAt(now)).Max();
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            foreach (var limit in limits)
            {
                limit.Accept(now);
            }

            return TimeSpan.Zero;
        }
    }
}
