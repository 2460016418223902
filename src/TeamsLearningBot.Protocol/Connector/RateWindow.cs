namespace TeamsLearningBot.Protocol.Connector;

/// <summary>At most <see cref="PermitLimit"/> requests in any span of <see cref="Window"/>.</summary>
internal readonly record struct RateWindow(int PermitLimit, TimeSpan Window);
