using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Events;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Recognition.Leaderboard;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Recognition;

/// <summary>
/// A <see cref="BotHost"/> on a fake clock with a seeded team (two facilitators, two learners,
/// General and Announcements), for recognition tests through <c>/api/messages</c>. The weekly
/// scheduler runs when asked for; events can be published straight into the sinks, with the
/// badge engine listening or not.
/// </summary>
internal sealed class RecognitionHost : IAsyncDisposable
{
    public const string TeamId = "19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string ChannelId = "19:c2f4e1d0a7b94f6e8d5c3b2a1f0e9d8c@thread.tacv2";
    public const string ThreadId = ChannelId + ";messageid=1764234901123";
    public const string AnnouncementsId = "19:c0ffee01d2e34f5a@thread.tacv2";
    public const string BotId = "28:9b3c4d5e-1111-2222-3333-444455556666";

    public static readonly Person Alex = new("29:1a2b3c4d5e6f-user-alex", "Alex Wilber", "6de5c8c3-7d0a-4b6f-9a3e-2f1b8f0c9a11");
    public static readonly Person Megan = new("29:1a2b3c4d5e6f-user-megan", "Megan Bowen", "0c2f7b1a-3e4d-4f5a-8b6c-7d8e9f0a1b2c");
    public static readonly Person Fran = new("29:1a2b3c4d5e6f-user-fran", "Fran Facilitator", "4f1e2d3c-0000-4000-8000-00000000f4a1");
    public static readonly Person Sam = new("29:1a2b3c4d5e6f-user-sam", "Sam Steward", "5a6b7c8d-0000-4000-8000-0000000005a3");

    private readonly bool badges;
    private long nextId = 1_764_300_000_000;

    private RecognitionHost(BotHost host, bool badges)
    {
        Host = host;
        this.badges = badges;
    }

    public BotHost Host { get; }

    public BotApplicationFactory App => Host.App;

    public FakeConnector Teams => Host.Teams;

    public FakeTimeProvider Time => Host.Time;

    /// <summary>Every learner event published in this app.</summary>
    public RecordingEventSink Events => Host.Events;

    public static async Task<RecognitionHost> StartAsync(AzuriteFixture azurite, DateTimeOffset? now = null, bool weeklyScheduler = false, bool badges = true)
    {
        var host = await BotHost.StartAsync(azurite, new BotHostOptions
        {
            Time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)),
            ConnectorOnFakeClock = true,
            Configure = app => Configure(app, weeklyScheduler, badges),
        });
        return new RecognitionHost(host, badges);
    }

    /// <summary>Another instance of the app on the same storage, Teams and clock.</summary>
    public Task<RecognitionHost> TwinAsync(bool weeklyScheduler = false) =>
        Task.FromResult(new RecognitionHost(Host.Twin(app => Configure(app, weeklyScheduler, badges)), badges));

    private static void Configure(BotApplicationFactory app, bool weeklyScheduler, bool badges)
    {
        app.WithSetting("Recognition:Weekly:SchedulerEnabled", weeklyScheduler ? "true" : "false")
            .WithSetting("Recognition:Weekly:SchedulerInterval", "00:00:05");
        if (!badges)
        {
            // Only the ledger (counted with insights, in one transaction) hears events, so no badge award adds to what a test counts.
            app.WithServices(s =>
            {
                s.RemoveAll<ILearnerEventSink>();
                s.AddSingleton<ILearnerEventSink>(sp => sp.GetRequiredService<TeamsLearningBot.Insights.InsightsSink>());
            });
        }
    }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>The team with Fran and Sam as facilitators, in <paramref name="timeZone"/>.</summary>
    public async Task SeedTeamAsync(string timeZone = "UTC", bool secondFacilitator = true)
    {
        var ct = TestContext.Current.CancellationToken;
        var teams = Get<TeamStore>();
        var bot = new ChannelAccount { Id = BotId, Name = "Learning Bot" };
        await teams.RecordInstallAsync(new TeamInstall(TeamId, "Learning Lab", null, TenantId, Teams.ServiceUrl, bot, Fran.Account), ct);
        await teams.AddFacilitatorAsync(TeamId, Fran.Account, null, ct);
        if (secondFacilitator)
        {
            await teams.AddFacilitatorAsync(TeamId, Sam.Account, null, ct);
        }

        await teams.SaveChannelsAsync(TeamId, [new ChannelInfo { Id = TeamId }, new ChannelInfo { Id = AnnouncementsId, Name = "Announcements" }], ct);
        await teams.SetTimeZoneAsync(TeamId, timeZone, ct);
    }

    public Task PublishAsync(LearnerEvent learnerEvent) => Get<LearnerEvents>().PublishAsync(learnerEvent, TestContext.Current.CancellationToken);

    /// <summary><paramref name="from"/> @mentions the bot in a channel thread; returns what the bot sent meanwhile.</summary>
    public Task<IReadOnlyList<RecordedRequest>> SayAsync(Person from, string text, string? id = null) =>
        PostAsync(TestActivities.Load("channel-message-with-mention", Teams.ServiceUrl, a =>
        {
            a["id"] = id ?? NextId();
            a["from"] = from.ToJson();
            a["text"] = "<at>Learning Bot</at> " + text;
        }));

    /// <summary><paramref name="from"/> writes to the bot in their personal chat.</summary>
    public Task<IReadOnlyList<RecordedRequest>> SayPersonalAsync(Person from, string text, string? id = null) =>
        PostAsync(Personal(from, id, a => a["text"] = text));

    /// <summary><paramref name="from"/> presses a button: in their personal chat, or in the channel thread.</summary>
    public Task<IReadOnlyList<RecordedRequest>> PressAsync(Person from, JsonObject value, bool personal = true, string? id = null) =>
        PostAsync(personal
            ? Personal(from, id, a =>
            {
                a.Remove("text");
                a["value"] = value.DeepClone();
            })
            : TestActivities.Load("channel-card-submit", Teams.ServiceUrl, a =>
            {
                a["id"] = id ?? NextId();
                a["from"] = from.ToJson();
                a["value"] = value.DeepClone();
            }));

    public async Task<IReadOnlyList<RecordedRequest>> PostAsync(JsonObject activity)
    {
        var before = Teams.Requests.Count;
        await Host.SendAsync(activity, System.Net.HttpStatusCode.OK);
        return [.. Teams.Requests.Skip(before).Where(r => r.Succeeded && r.Route is ["conversations", _, "activities", ..])];
    }

    public string NextId() => Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The 1:1 chat id the fake Connector gives a user, as Teams gives the same chat each time.</summary>
    public static string PersonalChatOf(Person person) => FakeConnector.PersonalChatOf(person.Id);

    /// <summary>What a person's client submits for a card button: the button's data plus every input as shown, changed by <paramref name="inputs"/>.</summary>
    public static JsonObject Submit(JsonElement card, string buttonTitle, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var value = new JsonObject();
        CardContent.Walk(card, e =>
        {
            if (e.TryGetProperty("type", out var type) && type.GetString() is { } t && t.StartsWith("Input.", StringComparison.Ordinal) && e.TryGetProperty("id", out var id))
            {
                value[id.GetString()!] = e.TryGetProperty("value", out var shown) ? shown.ToString() : string.Empty;
            }
        });
        JsonElement? data = null;
        CardContent.Walk(card, e =>
        {
            if (data is null && e.TryGetProperty("type", out var type) && type.GetString() == "Action.Submit"
                && e.TryGetProperty("title", out var title) && title.GetString() == buttonTitle)
            {
                data = e.GetProperty("data").Clone();
            }
        });
        Assert.True(data is not null, $"The card has no \u201C{buttonTitle}\u201D button.");
        foreach (var property in data!.Value.EnumerateObject())
        {
            value[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        foreach (var (key, input) in inputs ?? new Dictionary<string, string>())
        {
            value[key] = input;
        }

        return value;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private JsonObject Personal(Person from, string? id, Action<JsonObject> change) =>
        TestActivities.Load("personal-message", Teams.ServiceUrl, a =>
        {
            a["id"] = id ?? NextId();
            a["from"] = from.ToJson();
            a["conversation"]!["id"] = PersonalChatOf(from);
            change(a);
        });

    public sealed record Person(string Id, string Name, string AadObjectId)
    {
        public ChannelAccount Account => new() { Id = Id, Name = Name, AadObjectId = AadObjectId };

        public JsonObject ToJson() => new() { ["id"] = Id, ["name"] = Name, ["aadObjectId"] = AadObjectId };
    }
}
