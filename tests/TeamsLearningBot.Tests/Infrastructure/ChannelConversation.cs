using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>
/// People talking to the bot in one thread of a team channel, through <c>/api/messages</c> with
/// payloads shaped like Teams', and what the bot answered there as the fake Connector recorded it.
/// </summary>
internal sealed class ChannelConversation(BotApplicationFactory app, FakeConnector teams)
{
    public const string TeamId = "19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";
    public const string ThreadId = "19:c2f4e1d0a7b94f6e8d5c3b2a1f0e9d8c@thread.tacv2;messageid=1764234901123";

    public static readonly Person Megan = new("29:1a2b3c4d5e6f-user-megan", "Megan Bowen", "0c2f7b1a-3e4d-4f5a-8b6c-7d8e9f0a1b2c");
    public static readonly Person Alex = new("29:1a2b3c4d5e6f-user-alex", "Alex Wilber", "6de5c8c3-7d0a-4b6f-9a3e-2f1b8f0c9a11");
    public static readonly Person Adele = new("29:1a2b3c4d5e6f-user-adele", "Adele Vance", "3b1c2d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d");

    private long nextId = 1_764_235_100_000;

    /// <summary>Adds the bot to the team; <paramref name="installer"/> becomes its first facilitator.</summary>
    public async Task InstallAsync(Person installer)
    {
        var response = await app.PostActivityAsync(
            TestActivities.Load("conversation-update-bot-added-to-team", teams.ServiceUrl, a => a["from"] = installer.ToJson()),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        teams.Reset();
    }

    /// <summary><paramref name="from"/> @mentions the bot with <paramref name="text"/> (and @mentions <paramref name="mentions"/> after it); returns the bot's one reply.</summary>
    public async Task<RecordedRequest> SayAsync(Person from, string text, params Person[] mentions)
    {
        var markup = string.Concat(mentions.Select(m => $" <at>{m.Name}</at>"));
        return await PostAsync(TestActivities.Load("channel-message-with-mention", teams.ServiceUrl, a =>
        {
            a["id"] = NextId();
            a["from"] = from.ToJson();
            a["text"] = $"<at>Learning Bot</at> {text}{markup}";
            var entities = a["entities"]!.AsArray();
            foreach (var person in mentions)
            {
                entities.Add(new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = $"<at>{person.Name}</at>",
                    ["mentioned"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name },
                });
            }
        }));
    }

    /// <summary><paramref name="from"/> presses an Action.Submit button: <paramref name="value"/> is its data plus the card's inputs.</summary>
    public Task<RecordedRequest> SubmitAsync(Person from, object value) =>
        PostAsync(TestActivities.Load("channel-card-submit", teams.ServiceUrl, a =>
        {
            a["id"] = NextId();
            a["from"] = from.ToJson();
            a["value"] = value as JsonNode ?? JsonSerializer.SerializeToNode(value);
        }));

    private async Task<RecordedRequest> PostAsync(JsonObject activity)
    {
        var before = teams.Activities.Count;
        var response = await app.PostActivityAsync(activity, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(teams.Activities.Skip(before));
        Assert.Equal(ThreadId, reply.ConversationId);
        return reply;
    }

    private string NextId() => Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public sealed record Person(string Id, string Name, string AadObjectId)
    {
        public JsonObject ToJson() => new() { ["id"] = Id, ["name"] = Name, ["aadObjectId"] = AadObjectId };
    }
}
