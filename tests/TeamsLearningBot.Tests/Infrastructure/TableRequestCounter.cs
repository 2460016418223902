using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>
/// Counts every request the app's table client sends, retries included: each is one billed
/// storage transaction (an entity-group transaction is one). Register <see cref="Options"/>.
/// Each request is recorded with the table it works on (for a transaction, read from its body),
/// so a test can tell one feature's cost from another's.
/// </summary>
internal sealed partial class TableRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<(string Request, string Table)> requests = new();

    public TableClientOptions Options
    {
        get
        {
            var options = new TableClientOptions();
            options.AddPolicy(this, HttpPipelinePosition.PerRetry);
            return options;
        }
    }

    public int Count => requests.Count;

    /// <summary>The requests after the first <paramref name="mark"/>, as "METHOD /path".</summary>
    public IReadOnlyList<string> Since(int mark) => [.. requests.Skip(mark).Select(r => r.Request)];

    /// <summary>The requests after the first <paramref name="mark"/> on tables whose names end with one of <paramref name="tables"/>.</summary>
    public IReadOnlyList<string> Since(int mark, params string[] tables) =>
        [.. requests.Skip(mark).Where(r => tables.Any(t => r.Table.EndsWith(t, StringComparison.Ordinal))).Select(r => $"{r.Request} ({r.Table})")];

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var path = Uri.UnescapeDataString(message.Request.Uri.Path);
        requests.Enqueue(($"{message.Request.Method} {path}", TableOf(path, message.Request.Content)));
    }

    private static string TableOf(string path, RequestContent? content)
    {
        var last = path.TrimEnd('/').Split('/')[^1];
        if (last != "$batch" || content is null)
        {
            var paren = last.IndexOf('(', StringComparison.Ordinal);
            return paren < 0 ? last : last[..paren];
        }

        using var body = new MemoryStream();
        content.WriteTo(body, CancellationToken.None);
        var match = BatchTarget().Match(Encoding.UTF8.GetString(body.ToArray()));
        return match.Success ? match.Groups["table"].Value : last;
    }

    [GeneratedRegex(@"(?:POST|PUT|MERGE|PATCH|DELETE|GET) https?://[^/\s]+/[^/\s]+/(?<table>[A-Za-z0-9]+)")]
    private static partial Regex BatchTarget();
}
