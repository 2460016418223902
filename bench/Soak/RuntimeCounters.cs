using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace TeamsLearningBot.Bench.Soak;

/// <summary>
/// The bot's own runtime counters (the <c>System.Runtime</c> event source, as <c>dotnet-counters</c>
/// reads them) over the diagnostics port: the GC heap and the memory the GC has committed, the thread
/// pool's threads, exceptions thrown.
/// </summary>
internal sealed class RuntimeCounters : IDisposable
{
    private readonly EventPipeSession session;
    private readonly Thread reader;
    private double gcHeapMb = double.NaN;
    private double gcCommittedMb = double.NaN;
    private double threadPoolThreads = double.NaN;
    private long exceptions;

    private RuntimeCounters(EventPipeSession session)
    {
        this.session = session;
        reader = new Thread(Read) { IsBackground = true, Name = "runtime counters" };
        reader.Start();
    }

    /// <summary>The GC heap size (MB) in the last report, NaN before the first.</summary>
    public double GcHeapMb => Volatile.Read(ref gcHeapMb);

    /// <summary>The memory the GC has committed (MB): the heap plus what it keeps for the next allocations.</summary>
    public double GcCommittedMb => Volatile.Read(ref gcCommittedMb);

    public double ThreadPoolThreads => Volatile.Read(ref threadPoolThreads);

    /// <summary>Exceptions thrown in the bot (handled or not) since the counters started.</summary>
    public long Exceptions => Interlocked.Read(ref exceptions);

    public static RuntimeCounters Start(int processId, int intervalSeconds)
    {
        var provider = new EventPipeProvider(
            "System.Runtime",
            EventLevel.Informational,
            (long)EventKeywords.All,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var session = new DiagnosticsClient(processId).StartEventPipeSession([provider], requestRundown: false);
        return new RuntimeCounters(session);
    }

    public void Dispose()
    {
        try
        {
            session.Stop();
        }
        catch (Exception e) when (e is EndOfStreamException or ServerNotAvailableException or IOException or TimeoutException)
        {
            // The bot has gone already.
        }

        reader.Join(TimeSpan.FromSeconds(5));
        session.Dispose();
    }

    private void Read()
    {
        try
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Dynamic.All += OnEvent;
            source.Process();
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The session ended.
        }
    }

    private void OnEvent(TraceEvent e)
    {
        if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
            || Field(outer, "Payload") is not IDictionary<string, object> payload)
        {
            return;
        }

        var name = Field(payload, "Name") as string;
        var mean = Field(payload, "Mean") is { } m ? Convert.ToDouble(m, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
        var increment = Field(payload, "Increment") is { } i ? Convert.ToDouble(i, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
        switch (name)
        {
            case "gc-heap-size":
                Volatile.Write(ref gcHeapMb, mean);
                break;
            case "gc-committed":
                Volatile.Write(ref gcCommittedMb, mean);
                break;
            case "threadpool-thread-count":
                Volatile.Write(ref threadPoolThreads, mean);
                break;
            case "exception-count" when !double.IsNaN(increment):
                Interlocked.Add(ref exceptions, (long)increment);
                break;
        }
    }

    private static object? Field(IDictionary<string, object> fields, string name) => fields.TryGetValue(name, out var value) ? value : null;
}
