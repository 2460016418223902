using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Tests.Activities;

internal static class TestActivities
{
    public static string Json(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name + ".json"));

    public static Activity Load(string name) =>
        JsonSerializer.Deserialize<Activity>(Json(name), ActivityJson.Options) ?? throw new InvalidOperationException(name);
}
