using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>
/// Counts every request the app's table client sends, retries included: each is one billed
/// storage transaction (an entity-group transaction is one request). Register <see cref="Options"/>.
/// </summary>
internal sealed class TableRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> requests = new();

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
    public IReadOnlyList<string> Since(int mark) => [.. requests.Skip(mark)];

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        requests.Enqueue($"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.Path)}");
    }
}
