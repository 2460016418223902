using System.Text.RegularExpressions;

namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// One transparent rule of <see cref="SignalClassifier"/>: a named pattern over one lowercased
/// sentence, and the guards that veto it in that sentence.
/// </summary>
internal sealed record SignalRule(SignalKinds Kind, string Name, Regex Pattern, SignalGuards Guards = SignalGuards.None);
