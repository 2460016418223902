namespace TeamsLearningBot.Protocol.Hosting;

/// <summary>
/// Asked by <see cref="BotTurns"/> about a turn still running at the acknowledgement deadline:
/// may its request be answered 202 (the turn then finishes in the background, and Teams will not
/// deliver the activity again)? A guard that knows the turn is likely to fail — storage is failing —
/// refuses, and the request is answered 503 instead, so Teams delivers it again.
/// </summary>
public interface IBackgroundTurnGuard
{
    /// <summary>Why a late turn must not be acknowledged now, or null when it may be.</summary>
    string? BackgroundRefusal { get; }
}
