using System.Globalization;

namespace TeamsLearningBot.Benchmarks;

/// <summary>One fan-out scenario as given on the command line.</summary>
internal sealed record FanOutSettings
{
    public required string Storage { get; init; }

    public int Teams { get; init; } = 50;

    public int ChannelsPerTeam { get; init; } = 20;

    public int Workers { get; init; } = 16;

    /// <summary>Every channel its own one-off drop, instead of one drop per team to all its channels.</summary>
    public bool DropPerChannel { get; init; }

    /// <summary>App instances on the same storage: this process and <c>Instances - 1</c> child processes.</summary>
    public int Instances { get; init; } = 1;

    /// <summary><c>Drops:SchedulerInterval</c> when given; the app's default otherwise.</summary>
    public TimeSpan? SchedulerInterval { get; init; }

    /// <summary><c>Drops:WorkerPollInterval</c> when given; the app's default otherwise.</summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>How long before their due time the drops start being created; by default a second per 40 drops, at least 5 s.</summary>
    public TimeSpan? Lead { get; init; }

    /// <summary>The command line of a child instance.</summary>
    public IEnumerable<string> InstanceArguments(string prefix)
    {
        yield return "--instance";
        yield return prefix;
        yield return "--storage";
        yield return Storage;
        yield return "--workers";
        yield return Workers.ToString(CultureInfo.InvariantCulture);
        yield return "--instances";
        yield return Instances.ToString(CultureInfo.InvariantCulture);
        if (SchedulerInterval is { } interval)
        {
            yield return "--scheduler-interval";
            yield return interval.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }

        if (PollInterval is { } poll)
        {
            yield return "--poll-interval";
            yield return poll.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
