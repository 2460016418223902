using System.Collections.Concurrent;
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

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref CounterOf(message).Transactions);
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
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
            kinds.AddOrUpdate($"{(batch ? "transaction" : request.Method.Method)} {table}{(row.Length > 0 ? " " + row : string.Empty)}", 1, (_, n) => n + 1);
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

    private sealed class Counter
    {
        public long Transactions;
        public long Rows;
    }
}

/// <summary>Table transactions and rows read.</summary>
internal readonly record struct Usage(long Transactions, long Rows)
{
    public static Usage operator +(Usage a, Usage b) => new(a.Transactions + b.Transactions, a.Rows + b.Rows);

    public static Usage operator -(Usage a, Usage b) => new(a.Transactions - b.Transactions, a.Rows - b.Rows);
}
