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

    /// <summary>What the rules took it for (e.g. Idea, Signal).</summary>
    [JsonPropertyName("k")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("r")]
    public required ReflectionRef Ref { get; set; }
}
