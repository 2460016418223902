using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
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
/// A Bot Connector on loopback that enforces Teams' limits for a bot: per conversation 7 in any
/// 1 s, 8 in any 2 s, 60 in any 30 s, and 50 requests per second for the app. A request over any
/// limit gets 429 with <c>Retry-After</c> (whole seconds) and is not counted. Accepted channel
/// threads are recorded to find duplicates and missing posts.
/// </summary>
internal sealed class ThrottlingConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private readonly SlidingLimit appLimit = new(50, TimeSpan.FromSeconds(1));
    private readonly Dictionary<string, SlidingLimit[]> conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Channel, TimeSpan At)> posts = new();
    private long nextActivityId = 1_900_000_000_000;
    private int throttled;

    private ThrottlingConnector(WebApplication app) => this.app = app;

    public string ServiceUrl { get; private set; } = string.Empty;

    public int Throttled => Volatile.Read(ref throttled);

    public IReadOnlyList<(string Channel, TimeSpan At)> Posts => [.. posts];

    public TimeSpan Now => clock.Elapsed;

    public static async Task<ThrottlingConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new ThrottlingConnector(app);
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        connector.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>The most requests accepted in any 1 s span, to show the app limit held.</summary>
    public int PeakPerSecond()
    {
        var times = posts.Select(p => p.At).Order().ToArray();
        var peak = 0;
        for (int start = 0, end = 0; end < times.Length; end++)
        {
            while (times[end] - times[start] >= TimeSpan.FromSeconds(1))
            {
                start++;
            }

            peak = Math.Max(peak, end - start + 1);
        }

        return peak;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Method != "POST" || !context.Request.Path.Value!.EndsWith("/v3/conversations", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var channel = body.RootElement.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString()!;
        var wait = Admit(channel);
        if (wait > TimeSpan.Zero)
        {
            Interlocked.Increment(ref throttled);
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return;
        }

        var activityId = Interlocked.Increment(ref nextActivityId).ToString(CultureInfo.InvariantCulture);
        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new { id = channel + ";messageid=" + activityId, activityId }, context.RequestAborted);
    }

    private TimeSpan Admit(string channel)
    {
        lock (gate)
        {
            var now = clock.Elapsed;
            if (!conversations.TryGetValue(channel, out var limits))
            {
                limits = [new(7, TimeSpan.FromSeconds(1)), new(8, TimeSpan.FromSeconds(2)), new(60, TimeSpan.FromSeconds(30))];
                conversations[channel] = limits;
            }

            var wait = limits.Append(appLimit).Select(l => l.WaitAt(now)).Max();
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            foreach (var limit in limits.Append(appLimit))
            {
                limit.Accept(now);
            }

            posts.Enqueue((channel, now));
            return TimeSpan.Zero;
        }
    }
}
