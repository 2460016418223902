using System.Text.Json.Nodes;
using TeamsLearningBot.Drops;

namespace TeamsLearningBot.Bench;

/// <summary>What the load benchmarks seed drop cards and Teams activities from.</summary>
internal static class BenchPosts
{
    /// <summary>A Teams payload from tests/TestData, to be changed per request.</summary>
    public static JsonObject Activity(string repositoryRoot, string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(repositoryRoot, "tests", "TestData", name + ".json")))!.AsObject();

    /// <summary>The delivery record a drop worker holds when it records <paramref name="post"/>.</summary>
    public static Delivery Sending(DropPost post) => new()
    {
        TeamId = post.TeamId,
        DropNumber = post.DropNumber,
        OccurrenceId = post.OccurrenceId,
        OccurrenceDueUtc = post.PostedAt,
        ChannelId = post.ChannelId,
        ChannelName = "Bench",
        ContentNumber = post.ContentNumber,
        State = DeliveryState.Sending,
        UpdatedAt = post.PostedAt,
    };
}
