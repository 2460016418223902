using System.Text.Json.Serialization;

namespace TeamsLearningBot.Insights;

/// <summary>
/// What one learner did in one week on one item (0: none) in one channel (empty: none): the unit
/// every participation, relevance and expertise figure is summed from. Short JSON names keep a
/// ledger row small.
/// </summary>
public sealed class LedgerEntry
{
    [JsonPropertyName("w")]
    public int Week { get; set; }

    [JsonPropertyName("i")]
    public int Item { get; set; }

    [JsonPropertyName("c")]
    public string Channel { get; set; } = string.Empty;

    /// <summary>The channel is private or shared: its content shows only in that channel's insights.</summary>
    [JsonPropertyName("p")]
    public bool Private { get; set; }

    /// <summary>Reflections under the learner's name.</summary>
    [JsonPropertyName("r")]
    public int Reflections { get; set; }

    /// <summary>Reflections shared anonymously: counted for participation, never attributed.</summary>
    [JsonPropertyName("a")]
    public int Anonymous { get; set; }

    /// <summary>Words of the named reflections.</summary>
    [JsonPropertyName("n")]
    public int Words { get; set; }

    /// <summary>Reactions received on named reflections (net of removed ones).</summary>
    [JsonPropertyName("x")]
    public int Reactions { get; set; }

    [JsonPropertyName("k")]
    public int KudosReceived { get; set; }

    [JsonPropertyName("g")]
    public int KudosGiven { get; set; }

    [JsonPropertyName("s")]
    public int Suggestions { get; set; }

    /// <summary>The relevance the learner gave the item (1–5), in the week they rated it.</summary>
    [JsonPropertyName("t")]
    public int? Rating { get; set; }

    /// <summary>Named reflections that read as "I struggle with …" (the person named themselves).</summary>
    [JsonPropertyName("h")]
    public int Struggles { get; set; }

    /// <summary>Anonymous ones: counted per tag, never attributed.</summary>
    [JsonPropertyName("ha")]
    public int AnonymousStruggles { get; set; }

    /// <summary>A copy of the entry in <paramref name="channel"/>.</summary>
    public LedgerEntry WithChannel(string channel)
    {
        var copy = (LedgerEntry)MemberwiseClone();
        copy.Channel = channel;
        return copy;
    }

    /// <summary>Shared something: a reflection (named or not), kudos given or an approved suggestion.</summary>
    [JsonIgnore]
    public bool Contributed => Reflections + Anonymous + KudosGiven + Suggestions > 0;
}
