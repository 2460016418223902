using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Cards;

internal static class CardJson
{
    public static JsonSerializerOptions Options => ActivityJson.Options;
}
