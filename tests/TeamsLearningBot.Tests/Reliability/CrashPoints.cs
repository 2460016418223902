using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>Where a simulated crash stops the work: just before the Nth storage request leaves, or just after it was applied.</summary>
public enum CrashMoment
{
    /// <summary>The Nth request never reaches storage.</summary>
    BeforeRequest,

    /// <summary>The Nth request is applied by storage, and the process dies before it reads the answer.</summary>
    AfterRequest,
}

/// <summary>
/// Simulated crashes of one piece of work (one delivery of an activity, one queue job), at its Nth
/// storage request. Work is followed through the async flow that <see cref="Track"/> starts, and
/// through every task that flow starts (background writes after the answer included), so pieces of
/// work running side by side each count their own requests. Once a piece of work reaches its crash
/// point, nothing more of it reaches storage (tables or queues) or the Connector, as if its process
/// had died there; other work goes on. Register with <see cref="Register"/>.
/// </summary>
public sealed class CrashPoints : HttpPipelinePolicy
{
    private static readonly AsyncLocal<Work?> Current = new();

    /// <summary>Adds the table, queue and Connector hooks to an app.</summary>
    public BotApplicationFactory Register(BotApplicationFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var tables = new TableClientOptions();
        tables.AddPolicy(this, HttpPipelinePosition.PerCall);
        var queues = new QueueClientOptions();
        queues.AddPolicy(this, HttpPipelinePosition.PerCall);
        return app.WithServices(s =>
        {
            // The test's async flow goes on into the app's handling of the request it sends.
            s.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true);
            s.AddSingleton(tables);
            s.AddSingleton(queues);
            s.AddHttpClient<ConnectorClient>().AddHttpMessageHandler(() => new ConnectorHook());
        });
    }

    /// <summary>
    /// Follows the work started from here on in this async flow; it stops at its <paramref name="crashAt"/>th
    /// storage request (null: never). Dispose to stop following (the work's own tasks keep its record).
    /// </summary>
    public static Work Track(int? crashAt = null, CrashMoment moment = CrashMoment.BeforeRequest)
    {
        var work = new Work(crashAt, moment);
        Current.Value = work;
        return work;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var after = Before(message);
        ProcessNext(message, pipeline);
        after?.Invoke();
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var after = Before(message);
        await ProcessNextAsync(message, pipeline);
        after?.Invoke();
    }

    private static Action? Before(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Current.Value is not { } work)
        {
            return null;
        }

        return work.OnStorageRequest($"{message.Request.Method} {Describe(message.Request.Uri)}");
    }

    // "POST table: Reflections" / "PUT queue: drops"...: enough to read the table of crash points.
    private static string Describe(RequestUriBuilder uri)
    {
        var path = Uri.UnescapeDataString(uri.Path).Trim('/');
        var parts = path.Split('/');
        var target = parts.Length > 1 ? parts[1] : path;
        var paren = target.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? target : target[..paren];
    }

    /// <summary>One piece of work: the storage requests it made, and whether it crashed.</summary>
    public sealed class Work : IDisposable
    {
        private readonly int? crashAt;
        private readonly CrashMoment moment;
        private readonly ConcurrentQueue<string> steps = new();
        private int storageRequests;
        private volatile bool crashed;

        internal Work(int? crashAt, CrashMoment moment)
        {
            this.crashAt = crashAt;
            this.moment = moment;
        }

        /// <summary>Storage requests and Connector calls in the order they were made (Connector calls marked "Teams").</summary>
        public IReadOnlyList<string> Steps => [.. steps];

        public int StorageRequests => Volatile.Read(ref storageRequests);

        public bool Crashed => crashed;

        /// <summary>The step the work crashed at, for the table.</summary>
        public string? CrashedAt { get; private set; }

        public void Dispose() => Current.Value = null;

        internal Action? OnStorageRequest(string request)
        {
            if (crashed)
            {
                throw Dead();
            }

            var n = Interlocked.Increment(ref storageRequests);
            steps.Enqueue(request);
            if (n != crashAt)
            {
                return null;
            }

            CrashedAt = $"{n}: {request}";
            if (moment == CrashMoment.BeforeRequest)
            {
                crashed = true;
                throw Dead();
            }

            return () =>
            {
                crashed = true;
                throw Dead();
            };
        }

        internal void OnConnectorRequest(HttpRequestMessage request)
        {
            if (crashed)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "The process stopped (simulated crash).");
            }

            steps.Enqueue($"Teams {request.Method} {request.RequestUri?.AbsolutePath}");
        }

        private static RequestFailedException Dead() => new(0, "The process stopped (simulated crash).", new IOException("crashed"));
    }

    private sealed class ConnectorHook : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Current.Value?.OnConnectorRequest(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
