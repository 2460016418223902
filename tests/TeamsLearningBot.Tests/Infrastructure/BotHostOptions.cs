using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>How a <see cref="BotHost"/> differs from the default: the app on the system clock, tables of its own, a Connector of its own.</summary>
internal sealed record BotHostOptions
{
    /// <summary>The app's clock (a <c>FakeTimeProvider</c>, usually); the system clock when null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Sets the Connector's retries up for a fake clock: no back-off, one retry, timeouts out of reach.</summary>
    public bool ConnectorOnFakeClock { get; init; }

    /// <summary>A Connector shared with another host, which keeps owning it.</summary>
    public FakeConnector? Teams { get; init; }

    /// <summary>Another host's table prefix, to run on its tables.</summary>
    public string? TablePrefix { get; init; }

    /// <summary>Settings and services on top, applied after the host's own (so they win).</summary>
    public Action<BotApplicationFactory>? Configure { get; init; }
}
