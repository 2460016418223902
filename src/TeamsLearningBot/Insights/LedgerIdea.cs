using System.Text.Json.Serialization;

namespace TeamsLearningBot.Insights;

/// <summary>A reflection of the learner's that reads as an idea or a customer/market signal, by reference.</summary>
public sealed class LedgerIdea
{
    [JsonPropertyName("w")]
    public int Week { get; set; }

    [JsonPropertyName("i")]
    public int Item { get; set; }

    [JsonPropertyName("c")]
    public string Channel { get; set; } = string.Empty;

    [JsonPropertyName("p")]
    public bool Private { get; set; }

    public const string IdeaKind = "Idea";
    public const string SignalKind = "Customer or market signal";

    /// <summary>What the rules took it for: <see cref="IdeaKind"/> or <see cref="SignalKind"/>.</summary>
    [JsonPropertyName("k")]
    public string Kind { get; set; } = string.Empty;

    /// <summary>The name of the rule that matched (e.g. "we could"), so a facilitator sees why it was picked.</summary>
    [JsonPropertyName("u")]
    public string? Rule { get; set; }

    [JsonPropertyName("r")]
    public required ReflectionRef Ref { get; set; }
}
