using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary>
/// Counts the app's table requests (one request = one billed transaction), split into those made
/// while answering <c>/api/messages</c> and those of background work (the card refresher), per
/// kind of request on the request path (<see cref="Breakdown"/>) and per kind of contact the
/// request was (<see cref="ByContact"/>: a learner's first reflection, or a later one).
/// </summary>
internal sealed class TransactionCounter(string tablePrefix) : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<bool> InRequest = new();
    private static readonly AsyncLocal<string?> Contact = new();
    private readonly ConcurrentDictionary<string, long> kinds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> contacts = new(StringComparer.Ordinal);
    private long request;
    private long background;

    public TableClientOptions Options
    {
        get
        {
            var options = new TableClientOptions();
            options.AddPolicy(this, HttpPipelinePosition.PerRetry);
            return options;
        }
    }

    public (long Request, long Background) Read() => (Interlocked.Read(ref request), Interlocked.Read(ref background));

    /// <summary>Request-path transactions so far by kind: "GET Reflections point", "POST $batch", ….</summary>
    public IReadOnlyDictionary<string, long> Breakdown() => kinds.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);

    /// <summary>Request-path transactions so far by the kind of contact of their request.</summary>
    public IReadOnlyDictionary<string, long> ByContact() => contacts.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);

    /// <summary>Marks the rest of this async flow as part of an HTTP request, of the kind of contact given (or none).</summary>
    public static void MarkRequest(string? contact)
    {
        InRequest.Value = true;
        Contact.Value = string.IsNullOrEmpty(contact) ? null : contact;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!InRequest.Value)
        {
            Interlocked.Increment(ref background);
            return;
        }

        Interlocked.Increment(ref request);
        kinds.AddOrUpdate(Kind(message.Request), 1, (_, n) => n + 1);
        if (Contact.Value is { } contact)
        {
            contacts.AddOrUpdate(contact, 1, (_, n) => n + 1);
        }
    }

    private string Kind(Request request)
    {
        var path = Uri.UnescapeDataString(request.Uri.Path);
        var segment = path[(path.LastIndexOf('/') + 1)..];
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        var table = open < 0 ? segment : segment[..open];
        if (table.StartsWith(tablePrefix, StringComparison.Ordinal))
        {
            table = table[tablePrefix.Length..];
        }

        var shape = segment.Contains("PartitionKey=", StringComparison.Ordinal) ? "point"
            : request.Uri.Query.Contains("filter", StringComparison.Ordinal) ? "query"
            : string.Empty;
        return $"{request.Method} {table} {shape}".TrimEnd();
    }
}
