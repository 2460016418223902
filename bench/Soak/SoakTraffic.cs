using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Bench.Soak;

/// <summary>
/// What a team's people send the bot, in the shapes of tests/TestData: commands in a personal chat
/// and in a channel, reflections shared from a drop's card and replied in its thread, kudos, the
/// card's "Show reflections" and "Back to the card", and a facilitator's drops. Counts every answer.
/// </summary>
internal sealed class SoakTraffic(HttpClient client, Uri messages, string authorization, string repositoryRoot, string serviceUrl, string appId, IReadOnlyList<FakeMember> people)
{
    public const string TeamId = "19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";
    private const string CommandThread = "19:c2f4e1d0a7b94f6e8d5c3b2a1f0e9d8c@thread.tacv2;messageid=1764234901123";
    private const string TemplateBotId = "28:9b3c4d5e-1111-2222-3333-444455556666";

    private readonly ConcurrentDictionary<string, string> templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(DateTime At, string What)> errors = new();
    private readonly List<Card> cards = [];
    private readonly Lock cardsGate = new();
    private long nextId = 1_764_500_000_000;
    private int sent;

    public int Sent => Volatile.Read(ref sent);

    public FakeMember Facilitator => people[0];

    /// <summary>Answers by kind and status, e.g. <c>reflect 200</c>.</summary>
    public IReadOnlyDictionary<string, int> Answers => answers;

    /// <summary>Every 5xx, unexpected 4xx and failed request, when it happened and what it was.</summary>
    public IReadOnlyList<(DateTime At, string What)> Errors => [.. errors];

    public int Cards
    {
        get
        {
            lock (cardsGate)
            {
                return cards.Count;
            }
        }
    }

    /// <summary>Cards the fake Connector saw posted (drops), the newest few kept for reflections.</summary>
    public void AddCards(IEnumerable<FakeThread> threads)
    {
        foreach (var thread in threads)
        {
            if (thread.Body is not { } body || FindReflectData(body) is not { } data)
            {
                continue;
            }

            lock (cardsGate)
            {
                cards.Add(new Card(thread, data));
                if (cards.Count > 8)
                {
                    cards.RemoveAt(0);
                }
            }
        }
    }

    public Task<int> InstallAsync(CancellationToken cancellationToken) =>
        SendAsync("install", Load("conversation-update-bot-added-to-team", a => a["from"] = Person(Facilitator)), cancellationToken);

    public Task<int> ChannelCommandAsync(string kind, FakeMember from, string text, CancellationToken cancellationToken, FakeMember? mention = null) =>
        SendAsync(kind, Load("channel-message-with-mention", a =>
        {
            a["id"] = NextId();
            a["from"] = Person(from);
            a["conversation"]!["id"] = CommandThread;
            a["text"] = $"<at>Learning Bot</at> {text}";
            a.Remove("attachments");
            if (mention is not null)
            {
                a["text"] = $"<at>Learning Bot</at> {string.Format(CultureInfo.InvariantCulture, text, $"<at>{mention.Name}</at>")}";
                a["entities"]!.AsArray().Add(new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = $"<at>{mention.Name}</at>",
                    ["mentioned"] = new JsonObject { ["id"] = mention.Id, ["name"] = mention.Name },
                });
            }
        }), cancellationToken);

    /// <summary>One activity of the mix, chosen by <paramref name="roll"/> (0–99).</summary>
    public Task<int> MixedAsync(int roll, Random random, CancellationToken cancellationToken)
    {
        var index = random.Next(people.Count);
        var person = people[index];
        var card = RandomCard(random);
        if (card is null || roll < 25)
        {
            return roll % 2 == 0
                ? SendAsync("personal", Personal(person, random.Next(3) switch { 0 => "help", 1 => "my badges", _ => "privacy" }), cancellationToken)
                : ChannelCommandAsync("channel", person, random.Next(2) == 0 ? "badges" : "reflections", cancellationToken);
        }

        if (roll < 55)
        {
            return SendAsync("reflect", Invoke(card, person, "reflect", data =>
            {
                data["reflection"] = $"Reflection {NextId()}: next time I'll ask one open question first, then listen.";
                data["relevance"] = random.Next(1, 6).ToString(CultureInfo.InvariantCulture);
                data["anonymous"] = random.Next(4) == 0 ? "true" : "false";
            }), cancellationToken);
        }

        if (roll < 70)
        {
            return SendAsync("thread reply", ThreadReply(card, person, $"In the thread: I tried it in my 1:1 on {DateTime.UtcNow:dddd} and it worked (https://example.org/{NextId()})."), cancellationToken);
        }

        if (roll < 85)
        {
            var other = people[(index + 1 + random.Next(people.Count - 1)) % people.Count];
            return ChannelCommandAsync("kudos", person, "kudos {0} for walking me through the release checklist", cancellationToken, other);
        }

        return roll % 2 == 0
            ? SendAsync("card show", Invoke(card, person, "reflections.show", data =>
            {
                data["page"] = 1;
                data["onCard"] = true;
            }), cancellationToken)
            : SendAsync("card back", Invoke(card, person, "reflections.card", _ => { }), cancellationToken);
    }

    private async Task<int> SendAsync(string kind, JsonObject activity, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref sent);
        using var request = new HttpRequestMessage(HttpMethod.Post, messages)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            answers.AddOrUpdate($"{kind} {status}", 1, (_, n) => n + 1);
            if (status >= 400)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                errors.Enqueue((DateTime.UtcNow, $"{kind}: {status} {body[..Math.Min(body.Length, 300)]}"));
            }

            return status;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            answers.AddOrUpdate($"{kind} failed", 1, (_, n) => n + 1);
            errors.Enqueue((DateTime.UtcNow, $"{kind}: {e.GetType().Name} {e.Message}"));
            return 0;
        }
    }

    private JsonObject Personal(FakeMember from, string text) => Load("personal-message", a =>
    {
        a["id"] = NextId();
        a["from"] = Person(from);
        a["conversation"]!["id"] = "a:1soak-" + from.Id[3..];
        a["text"] = text;
    });

    private JsonObject Invoke(Card card, FakeMember from, string verb, Action<JsonObject> change) => Load("invoke-adaptive-card-action", a =>
    {
        a["id"] = "f:soak-" + NextId();
        a["from"] = Person(from);
        a["conversation"]!["id"] = card.Thread.ConversationId;
        a["channelData"]!["channel"] = new JsonObject { ["id"] = card.Thread.ChannelId };
        a["replyToId"] = card.Thread.RootActivityId;
        var data = card.Data.DeepClone().AsObject();
        change(data);
        a["value"]!["action"]!["verb"] = verb;
        a["value"]!["action"]!["data"] = data;
    });

    private JsonObject ThreadReply(Card card, FakeMember from, string text) => Load("channel-thread-reply", a =>
    {
        a["id"] = NextId();
        a["from"] = Person(from);
        a["conversation"]!["id"] = card.Thread.ConversationId;
        a["channelData"]!["teamsChannelId"] = card.Thread.ChannelId;
        a["channelData"]!["channel"] = new JsonObject { ["id"] = card.Thread.ChannelId };
        a["text"] = text;
        a["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>" + text + "</p>" });
    });

    private JsonObject Load(string name, Action<JsonObject> change)
    {
        var json = templates.GetOrAdd(name, n =>
            File.ReadAllText(Path.Combine(repositoryRoot, "tests", "TestData", n + ".json")).Replace(TemplateBotId, "28:" + appId, StringComparison.Ordinal));
        var activity = JsonNode.Parse(json)!.AsObject();
        activity["serviceUrl"] = serviceUrl;
        activity["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        change(activity);
        return activity;
    }

    private Card? RandomCard(Random random)
    {
        lock (cardsGate)
        {
            return cards.Count == 0 ? null : cards[random.Next(cards.Count)];
        }
    }

    private string NextId() => Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);

    private static JsonObject Person(FakeMember member) => new() { ["id"] = member.Id, ["name"] = member.Name, ["aadObjectId"] = member.AadObjectId };

    // The data of the card's Share button (Action.Execute, verb reflect): the drop and the item.
    private static JsonObject? FindReflectData(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String && verb.GetString() == "reflect"
                    && element.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
                {
                    return JsonNode.Parse(data.GetRawText())!.AsObject();
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (FindReflectData(property.Value) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindReflectData(item) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private sealed record Card(FakeThread Thread, JsonObject Data);
}
