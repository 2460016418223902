using System.Text.Json.Nodes;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>
/// Activity payloads from TestData/, shaped like Teams sends them, with the service URL pointed at
/// the test's fake Connector and any other fields replaced as a test needs.
/// </summary>
internal static class TestActivities
{
    public static JsonObject Load(string name, string serviceUrl, Action<JsonObject>? change = null)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name + ".json"));
        var activity = JsonNode.Parse(json)!.AsObject();
        activity["serviceUrl"] = serviceUrl;
        change?.Invoke(activity);
        return activity;
    }
}
