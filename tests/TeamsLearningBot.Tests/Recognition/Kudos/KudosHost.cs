using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Recognition.Kudos;

/// <summary>
/// The app on Azurite with the fake Connector and a fake clock, people of one team (also its
/// roster, so the bot can look them up), and kudos messages shaped like Teams', in a channel or
/// a group chat, on a <see cref="BotHost"/>.
/// </summary>
internal sealed class KudosHost : IAsyncDisposable
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string TeamId = "19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";
    public const string ChannelId = "19:c2f4e1d0a7b94f6e8d5c3b2a1f0e9d8c@thread.tacv2";
    public const string ChatId = "19:7e1c2b9a4f3d4c8e9a0b1c2d3e4f5a6b@thread.v2";
    public const string BotId = "28:9b3c4d5e-1111-2222-3333-444455556666";

    public static readonly Person Megan = new("29:1a2b3c4d5e6f-user-megan", "Megan Bowen", "0c2f7b1a-3e4d-4f5a-8b6c-7d8e9f0a1b2c");
    public static readonly Person Alex = new("29:1a2b3c4d5e6f-user-alex", "Alex Wilber", "6de5c8c3-7d0a-4b6f-9a3e-2f1b8f0c9a11");
    public static readonly Person Adele = new("29:1a2b3c4d5e6f-user-adele", "Adele Vance", "3b1c2d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d");
    public static readonly Person Lee = new("29:1a2b3c4d5e6f-user-lee", "Lee Gu", "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    public static readonly Person Nestor = new("29:1a2b3c4d5e6f-user-nestor", "Nestor Wilke", "7c6b5a49-3827-4160-9f8e-7d6c5b4a3928");

    private long nextId = 1_764_250_000_000;

    private KudosHost(BotHost host) => Host = host;

    public BotHost Host { get; }

    public BotApplicationFactory App => Host.App;

    public FakeConnector Teams => Host.Teams;

    /// <summary>The app's clock, for tests that started the host on a fake one.</summary>
    public FakeTimeProvider Time => Host.Time;

    public RecordingEventSink Events => Host.Events;

    /// <summary>
    /// Starts with <paramref name="people"/> (default: the five above) on the roster, on the system
    /// clock or, with <paramref name="fakeClock"/>, on a fake one at 2026-11-27 10:00 UTC. (The badge
    /// engine backs off on the app's clock under contention, so concurrent tests need the real one.)
    /// </summary>
    public static async Task<KudosHost> StartAsync(AzuriteFixture azurite, IEnumerable<Person>? people = null, bool fakeClock = false, Action<BotApplicationFactory>? configure = null)
    {
        var host = await BotHost.StartAsync(azurite, new BotHostOptions
        {
            Time = fakeClock ? new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero)) : null,
            Configure = configure,
        });
        host.Teams.Members = [.. (people ?? [Megan, Alex, Adele, Lee, Nestor]).Select(p => p.ToMember())];
        return new KudosHost(host);
    }

    public T Get<T>()
        where T : notnull => Host.Get<T>();

    /// <summary>The learner key of a person, as every feature computes it.</summary>
    public string KeyOf(Person person) => Get<LearnerKeys>().For(TenantId, person.AadObjectId);

    /// <summary>
    /// <paramref name="from"/> @mentions the bot and writes <paramref name="text"/> in a channel, where
    /// <c>{0}</c>, <c>{1}</c>… stand for @mentions of <paramref name="mentions"/> (Teams' shape: id and name only).
    /// </summary>
    public JsonObject InChannel(Person from, string text, params Person[] mentions) =>
        Message("channel-message-with-mention", from, text, mentions);

    /// <summary>The same in a group chat.</summary>
    public JsonObject InGroupChat(Person from, string text, params Person[] mentions) =>
        Message("group-chat-message-with-mention", from, text, mentions);

    /// <summary>Posts activities to <c>/api/messages</c>; each must be accepted.</summary>
    public async Task SendAsync(params JsonObject[] activities)
    {
        foreach (var activity in activities)
        {
            await Host.SendAsync(activity);
        }
    }

    /// <summary>The kudos cards the bot posted.</summary>
    public IReadOnlyList<RecordedRequest> KudosCards() =>
        [.. Teams.Activities.Where(r => r.Method == "POST" && r.CardText().Contains("Kudos!", StringComparison.Ordinal))];

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private JsonObject Message(string shape, Person from, string text, Person[] mentions) =>
        TestActivities.Load(shape, Teams.ServiceUrl, a =>
        {
            var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
            a["id"] = id;
            a["from"] = from.ToJson();
            a["timestamp"] = Host.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            a["localTimestamp"] = Host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(1)).ToString("O", CultureInfo.InvariantCulture);
            if (a["conversation"]!["conversationType"]!.GetValue<string>() == "channel")
            {
                a["conversation"]!["id"] = ChannelId + ";messageid=" + id;
            }

            a["text"] = "<at>Learning Bot</at> " + string.Format(CultureInfo.InvariantCulture, text, [.. mentions.Select(m => (object)$"<at>{m.Name}</at>")]);
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
        });

    public sealed record Person(string Id, string Name, string AadObjectId)
    {
        public JsonObject ToJson() => new() { ["id"] = Id, ["name"] = Name, ["aadObjectId"] = AadObjectId };

        public FakeMember ToMember() => new() { Id = Id, Name = Name, AadObjectId = AadObjectId };
    }
}
