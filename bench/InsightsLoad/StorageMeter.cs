using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace TeamsLearningBot.Bench.Insights;

/// <summary>
/// Counts the app's table requests (one request = one billed transaction) and the rows they
/// returned, per table, split into the work of answering <c>/api/messages</c> and background work.
/// </summary>
internal sealed class StorageMeter(string tablePrefix) : HttpPipelineSynchronousPolicy, IStartupFilter
{
    public const string AllTables = "*";
    private static readonly AsyncLocal<bool> InRequest = new();
    private readonly ConcurrentDictionary<(bool Request, string Table), Counter> counters = new();
    private readonly ConcurrentDictionary<string, long> kinds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TracedRequest> trace = new();
    private long traceStart;
    private int tracing;

    public TableClientOptions Options
    {
        get
        {
            var options = new TableClientOptions();
            options.AddPolicy(this, HttpPipelinePosition.PerRetry);
            return options;
        }
    }

    /// <summary>Request-path (or background) usage so far, per table name and <see cref="AllTables"/>.</summary>
    public IReadOnlyDictionary<string, Usage> Read(bool requestPath = true)
    {
        var tables = counters.Where(c => c.Key.Request == requestPath)
            .ToDictionary(c => c.Key.Table, c => new Usage(Interlocked.Read(ref c.Value.Transactions), Interlocked.Read(ref c.Value.Rows)), StringComparer.Ordinal);
        tables[AllTables] = tables.Values.Aggregate(default(Usage), (sum, u) => sum + u);
        return tables;
    }

    /// <summary>The first middleware of the app: marks the rest of the request's async flow.</summary>
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            InRequest.Value = true;
            await nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>From now on, request-path requests are timed (from now) until <see cref="StopTrace"/>.</summary>
    public void StartTrace()
    {
        trace.Clear();
        Interlocked.Exchange(ref traceStart, Stopwatch.GetTimestamp());
        Volatile.Write(ref tracing, 1);
    }

    /// <summary>The request-path requests answered since <see cref="StartTrace"/>, in the order they were sent.</summary>
    public IReadOnlyList<TracedRequest> StopTrace()
    {
        Volatile.Write(ref tracing, 0);
        return [.. trace.OrderBy(t => t.StartMs)];
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref CounterOf(message).Transactions);
        if (InRequest.Value && Volatile.Read(ref tracing) == 1)
        {
            message.SetProperty(typeof(TracedRequest), Stopwatch.GetTimestamp());
        }
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.TryGetProperty(typeof(TracedRequest), out var sent) && sent is long start && Volatile.Read(ref tracing) == 1)
        {
            var origin = Interlocked.Read(ref traceStart);
            var bytes = message.Response.ContentStream is { CanSeek: true } body ? body.Length : 0;
            var kind = message.TryGetProperty(typeof(Counter), out var known) ? (string)known! : "?";
            trace.Enqueue(new TracedRequest(kind, Stopwatch.GetElapsedTime(origin, start).TotalMilliseconds, Stopwatch.GetElapsedTime(origin).TotalMilliseconds, bytes));
        }

        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200)
        {
            return;
        }

        var rows = Uri.UnescapeDataString(message.Request.Uri.Path).Contains("(PartitionKey=", StringComparison.Ordinal) ? 1 : Count(message.Response);
        Interlocked.Add(ref CounterOf(message).Rows, rows);
    }

    private static int Count(Response response)
    {
        using var body = JsonDocument.Parse(response.Content);
        return body.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;
    }

    /// <summary>Request-path transactions so far by kind: "GET Insights u|", "$batch Insights", ….</summary>
    public IReadOnlyDictionary<string, long> Kinds() => kinds.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);

    private Counter CounterOf(HttpMessage message)
    {
        var table = message.TryGetProperty(typeof(StorageMeter), out var known) ? (string)known! : TableOf(message);
        message.SetProperty(typeof(StorageMeter), table);
        return counters.GetOrAdd((InRequest.Value, table), _ => new Counter());
    }

    // A transaction names its table in its body: the first sub-request's path.
    private string TableOf(HttpMessage message)
    {
        var request = message.Request;
        var path = Uri.UnescapeDataString(request.Uri.Path);
        var segment = path[(path.LastIndexOf('/') + 1)..];
        var batch = segment == "$batch";
        if (batch && request.Content is { } content)
        {
            using var body = new MemoryStream();
            content.WriteTo(body, CancellationToken.None);
            var text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
            var at = text.IndexOf("/" + tablePrefix, StringComparison.Ordinal);
            segment = at < 0 ? segment : text[(at + 1)..text.IndexOfAny(['(', ' ', '?', '\r'], at + 1)];
        }

        var open = segment.IndexOf('(', StringComparison.Ordinal);
        var table = open < 0 ? segment : segment[..open];
        table = table.StartsWith(tablePrefix, StringComparison.Ordinal) ? table[tablePrefix.Length..] : table;
        if (InRequest.Value)
        {
            var row = RowPrefix(path);
            var query = !batch && request.Method == RequestMethod.Get && row.Length == 0;
            if (query)
            {
                row = QueryPrefix(Uri.UnescapeDataString(request.Uri.Query));
            }

            var kind = $"{(batch ? "transaction" : query ? "query" : request.Method.Method)} {table}{(row.Length > 0 ? " " + row : string.Empty)}";
            kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
            message.SetProperty(typeof(Counter), kind);
        }

        return table;
    }

    // The row key's kind (up to its first '|') of a point request, e.g. "u|" for a ledger row.
    private static string RowPrefix(string path)
    {
        var at = path.IndexOf("RowKey='", StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var bar = path.IndexOf('|', at);
        var end = path.IndexOf('\'', at + 8);
        return bar > 0 && bar < end ? path[(at + 8)..(bar + 1)] : "(row)";
    }

    // The row key's kind a query starts from ("RowKey ge 'u|'"), or empty for a query without one.
    private static string QueryPrefix(string query)
    {
        var at = query.IndexOf("RowKey ge '", StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var bar = query.IndexOf('|', at);
        var end = query.IndexOf('\'', at + 11);
        return bar > 0 && bar < end ? query[(at + 11)..(bar + 1)] : "(range)";
    }

    private sealed class Counter
    {
        public long Transactions;
        public long Rows;
    }
}

/// <summary>One timed request: its kind ("GET Insights u|"), when it was sent and answered (ms from the trace's start), and the response's size.</summary>
internal readonly record struct TracedRequest(string Kind, double StartMs, double EndMs, long Bytes);

/// <summary>Table transactions and rows read.</summary>
internal readonly record struct Usage(long Transactions, long Rows)
{
    public static Usage operator +(Usage a, Usage b) => new(a.Transactions + b.Transactions, a.Rows + b.Rows);

    public static Usage operator -(Usage a, Usage b) => new(a.Transactions - b.Transactions, a.Rows - b.Rows);
}
