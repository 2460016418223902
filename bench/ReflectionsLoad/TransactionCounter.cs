using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary>
/// Counts the app's table requests (one request = one billed transaction), split into those made
/// while answering <c>/api/messages</c> and those of background work (the card refresher).
/// </summary>
internal sealed class TransactionCounter : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<bool> InRequest = new();
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

    /// <summary>Marks the rest of this async flow as part of an HTTP request.</summary>
    public static void MarkRequest() => InRequest.Value = true;

    public override void OnSendingRequest(HttpMessage message)
    {
        if (InRequest.Value)
        {
            Interlocked.Increment(ref request);
        }
        else
        {
            Interlocked.Increment(ref background);
        }
    }
}
