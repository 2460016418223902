using Azure.Core;
using Azure.Core.Pipeline;
using TeamsLearningBot.Protocol.Hosting;

namespace TeamsLearningBot.Storage;

/// <summary>
/// Whether table storage is failing to answer: its latest answer, not older than <see cref="Memory"/>, was
/// a request that timed out, lost its connection or was answered 5xx (a later answer clears it).
/// The table client's pipeline reports to it (once per try); writers queued on a
/// <see cref="PartitionLocks"/> read it to give up rather than wait behind requests that are
/// waiting for their timeouts, and a turn still running at the acknowledgement deadline is not
/// answered 202 while it reports failures (<see cref="IBackgroundTurnGuard"/>): a turn waiting on
/// failing storage would likely fail after Teams was told it had been taken.
/// </summary>
public sealed class StorageHealth(TimeProvider time) : HttpPipelinePolicy, IBackgroundTurnGuard
{
    /// <summary>How long after a failure storage counts as failing.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(10);
    private long lastFailureTicks = long.MinValue;

    /// <summary>Whether the latest storage answer was a failure, in the last <see cref="Memory"/>.</summary>
    public bool IsFailing
    {
        get
        {
            var last = Interlocked.Read(ref lastFailureTicks);
            return last != long.MinValue && time.GetUtcNow().UtcTicks - last < Memory.Ticks;
        }
    }

    string? IBackgroundTurnGuard.BackgroundRefusal => IsFailing ? "table storage is failing" : null;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception) when (Fail())
        {
            throw;
        }

        Observe(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception) when (!message.CancellationToken.IsCancellationRequested && Fail())
        {
            throw;
        }

        Observe(message);
    }

    private void Observe(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status >= 500)
        {
            Fail();
        }
        else
        {
            Interlocked.Exchange(ref lastFailureTicks, long.MinValue);
        }
    }

    // Records the failure; false, so an exception filter lets the exception through unchanged.
    private bool Fail()
    {
        Interlocked.Exchange(ref lastFailureTicks, time.GetUtcNow().UtcTicks);
        return false;
    }
}
