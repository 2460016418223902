using System.Text.Json.Serialization;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Insights;

/// <summary>
/// Where a reflection lives: its card (channel and root post) and its source id. Insights keep
/// these, never the text: a quote is read from the reflection store when a report is built, so a
/// reflection that <c>forget me</c> or retention deleted is simply no longer there to quote.
/// </summary>
public sealed record ReflectionRef(
    [property: JsonPropertyName("c")] string ChannelId,
    [property: JsonPropertyName("a")] string RootId,
    [property: JsonPropertyName("s")] string SourceId)
{
    [JsonIgnore]
    public PostKey Post => new(ChannelId, RootId);
}
