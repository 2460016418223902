using System.Text.Json;

namespace TeamsLearningBot.Recognition.Kudos;

internal static class KudosJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
