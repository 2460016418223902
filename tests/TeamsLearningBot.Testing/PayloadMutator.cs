using System.Text.Json.Nodes;

namespace TeamsLearningBot.Testing;

/// <summary>
/// A seeded mutation fuzzer over real Teams payloads: each case takes one TestData activity and
/// applies one to three mutations at random paths (wrong types, nulls, removed fields, huge strings,
/// deep nesting, unknown enum values, wrong ids, Unicode edge cases, extra or missing card inputs).
/// The same seed always gives the same case, so a failure is replayed by its seed.
/// </summary>
public static class PayloadMutator
{
    public static readonly string[] Payloads =
    [
        "personal-message", "channel-message-with-mention", "channel-thread-reply", "channel-card-submit",
        "channel-card-command-button", "message-card-submit", "invoke-adaptive-card-action", "message-reaction-added",
        "message-reaction-removed-channel", "message-update-edit", "message-delete-soft", "conversation-update-bot-added-to-team",
        "conversation-update-channel-created", "installation-update-add", "group-chat-message-with-mention",
    ];

    private static readonly string[] Texts =
    [
        "\u202Ekudos for <at>Ada</at>\u202C", "my\u200Bbadges", "\uD800 lone high", "lone low \uDC00", "\uFEFFhelp", "drop C1 now",
        "kudos for", "suggest https://example.com/\u0000", "forget me", "rate 9", "reflect \u05E9\u05DC\u05D5\u05DD", "\u0085\u2028\u2029",
        "content add \"\" \"\"", "leaderboard", "stop nudges", "insights", "experts \uD83D\uDE00", "help", "",
    ];

    private static readonly string[] EnumValues = ["unknownType", "", " ", "MESSAGE", "invoke", "message", "event", "adaptiveCard/action", "💥"];

    /// <summary>
    /// The case of <paramref name="seed"/>, from the payloads in <paramref name="testData"/> (the
    /// TestData folder; by default the one copied beside the running program).
    /// </summary>
    public static JsonObject Create(int seed, string serviceUrl, out string description, string? testData = null)
    {
        var random = new Random(seed);
        var payload = Payloads[random.Next(Payloads.Length)];
        var json = File.ReadAllText(Path.Combine(testData ?? Path.Combine(AppContext.BaseDirectory, "TestData"), payload + ".json"));
        var activity = JsonNode.Parse(json)!.AsObject();
        var applied = new List<string>();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            applied.Add(MutateOnce(activity, random));
        }

        // The token's serviceurl claim must match, so the service URL itself stays as it was.
        activity["serviceUrl"] = serviceUrl;
        description = $"seed {seed}: {payload}: {string.Join("; ", applied)}";
        return activity;
    }

    private static string MutateOnce(JsonObject activity, Random random)
    {
        var kind = random.Next(12);
        switch (kind)
        {
            case 0:
                activity["text"] = Texts[random.Next(Texts.Length)];
                return $"text = {activity["text"]}";
            case 1:
                activity["type"] = EnumValues[random.Next(EnumValues.Length)];
                return $"type = {activity["type"]}";
            case 2:
                activity["name"] = random.Next(2) == 0 ? "adaptiveCard/action" : EnumValues[random.Next(EnumValues.Length)];
                return $"name = {activity["name"]}";
            case 3:
                return CardInputs(activity, random);
        }

        var paths = new List<(JsonNode Parent, string? Key, int Index, string Path)>();
        Collect(activity, "$", paths);
        var (parent, key, index, path) = paths[random.Next(paths.Count)];
        var replacement = kind switch
        {
            4 => null,
            5 => JsonValue.Create(new string('x', random.Next(2) == 0 ? 300 : 70_000)),
            6 => Deep(random.Next(2) == 0 ? 40 : 200),
            7 => JsonValue.Create(random.Next()),
            8 => new JsonArray(JsonValue.Create("a"), null, new JsonObject()),
            9 => JsonValue.Create(true),
            10 => JsonValue.Create(Texts[random.Next(Texts.Length)]),
            _ => JsonValue.Create("29:" + Guid.NewGuid()),
        };
        var what = kind switch { 4 => "null/removed", 5 => "huge string", 6 => "deep nesting", 7 => "number", 8 => "array", 9 => "bool", 10 => "unicode", _ => "wrong id" };
        if (parent is JsonObject obj)
        {
            if (kind == 4 && random.Next(2) == 0)
            {
                obj.Remove(key!);
            }
            else
            {
                obj[key!] = replacement;
            }
        }
        else
        {
            ((JsonArray)parent)[index] = replacement;
        }

        return $"{path} = {what}";
    }

    // Submissions with inputs missing, extra, of the wrong type or with the verb changed.
    private static string CardInputs(JsonObject activity, Random random)
    {
        var value = activity["value"] as JsonObject ?? new JsonObject();
        activity["value"] = value;
        var data = value["action"]?["data"] as JsonObject ?? value;
        var keys = data.Select(p => p.Key).ToList();
        switch (random.Next(4))
        {
            case 0 when keys.Count > 0:
                var removed = keys[random.Next(keys.Count)];
                data.Remove(removed);
                return $"card input {removed} missing";
            case 1:
                data["extra" + random.Next(100)] = new string('y', random.Next(1, 5000));
                return "card input extra";
            case 2 when keys.Count > 0:
                var changed = keys[random.Next(keys.Count)];
                data[changed] = random.Next(2) == 0 ? JsonValue.Create(-1) : new JsonObject { ["nested"] = new JsonArray() };
                return $"card input {changed} wrong type";
            default:
                data["verb"] = EnumValues[random.Next(EnumValues.Length)];
                data["rating"] = random.Next(-3, 9).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return "card verb/rating changed";
        }
    }

    private static JsonNode Deep(int depth)
    {
        JsonNode node = JsonValue.Create("bottom");
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonObject { ["a"] = node } : new JsonArray(node);
        }

        return node;
    }

    private static void Collect(JsonNode node, string path, List<(JsonNode, string?, int, string)> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (key == "serviceUrl")
                    {
                        continue;
                    }

                    paths.Add((obj, key, -1, path + "." + key));
                    if (child is not null)
                    {
                        Collect(child, path + "." + key, paths);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    paths.Add((array, null, i, $"{path}[{i}]"));
                    if (array[i] is { } child)
                    {
                        Collect(child, $"{path}[{i}]", paths);
                    }
                }

                break;
        }
    }
}
