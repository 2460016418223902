namespace TeamsLearningBot.Insights.Text;

/// <summary>The kinds a reflection reads as, and every rule that said so (the first match of each rule).</summary>
public sealed record SignalResult(SignalKinds Kinds, IReadOnlyList<SignalMatch> Matches)
{
    public static SignalResult None { get; } = new(SignalKinds.None, []);

    public bool Is(SignalKinds kind) => (Kinds & kind) == kind && kind != SignalKinds.None;
}
