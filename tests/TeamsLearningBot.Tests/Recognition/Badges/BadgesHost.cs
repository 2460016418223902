using System.Globalization;
using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Recognition.Badges;

/// <summary>
/// The app with a team, an item and a posted card (<see cref="ReflectionsHost"/>), plus what badge
/// tests need: learner events as the kudos and suggestions features publish them, and reads of
/// what the engine stored and what the bot said.
/// </summary>
internal sealed class BadgesHost : IAsyncDisposable
{
    private int nextEvent;

    private BadgesHost(ReflectionsHost reflections) => Reflections = reflections;

    public ReflectionsHost Reflections { get; }

    public FakeConnector Teams => Reflections.Teams;

    public BotApplicationFactory App => Reflections.App;

    public static async Task<BadgesHost> StartAsync(AzuriteFixture azurite, bool anonymous = false, Action<BotApplicationFactory>? configure = null) =>
        new(await ReflectionsHost.StartAsync(azurite, anonymous, refresher: false, app =>
        {
            app.WithSetting("Connector:MaxRetryAttempts", "1")
                .WithSetting("Connector:BaseDelay", "00:00:00.010");
            configure?.Invoke(app);
        }));

    public T Get<T>()
        where T : notnull => Reflections.Get<T>();

    public static string UserId(int n) => $"29:1learner-{n:D4}";

    public static string AadObjectId(int n) => $"00000000-0000-4000-8000-{n:D12}";

    public string KeyOf(int n) => Get<LearnerKeys>().For(ReflectionsHost.TenantId, AadObjectId(n));

    /// <summary>An event about learner <paramref name="n"/>, named, in the card's thread, with an id of its own.</summary>
    public LearnerEvent Event(LearnerEventKind kind, int n, Func<LearnerEvent, LearnerEvent>? change = null)
    {
        var e = new LearnerEvent
        {
            Kind = kind,
            EventId = $"test|{kind}|{Interlocked.Increment(ref nextEvent).ToString(CultureInfo.InvariantCulture)}",
            TenantId = ReflectionsHost.TenantId,
            TeamId = ReflectionsHost.TeamId,
            LearnerKey = KeyOf(n),
            Learner = new LearnerIdentity(UserId(n), AadObjectId(n), $"Learner {n}"),
            At = Get<TimeProvider>().GetUtcNow(),
            Place = new EventPlace(Teams.ServiceUrl, ReflectionsHost.ThreadId),
        };
        return change is null ? e : change(e);
    }

    public async Task PublishAsync(LearnerEvent learnerEvent) =>
        await Get<LearnerEvents>().PublishAsync(learnerEvent, TestContext.Current.CancellationToken);

    public async Task PublishAsync(LearnerEventKind kind, int n, int times, Func<LearnerEvent, LearnerEvent>? change = null)
    {
        for (var i = 0; i < times; i++)
        {
            await PublishAsync(Event(kind, n, change));
        }
    }

    public async Task<IReadOnlyList<BadgeAwardEntity>> AwardsAsync(int n, string? badgeId = null)
    {
        var awards = await Get<BadgeLedger>().ListAwardsAsync(BadgeLedger.Partition(ReflectionsHost.TeamId, KeyOf(n)), TestContext.Current.CancellationToken);
        return [.. awards.Where(a => badgeId is null || a.BadgeId == badgeId).OrderBy(a => a.TierIndex)];
    }

    public async Task<int> CountAsync(int n, string badgeId)
    {
        var progress = await Get<BadgeLedger>().GetProgressAsync(BadgeLedger.Partition(ReflectionsHost.TeamId, KeyOf(n)), TestContext.Current.CancellationToken);
        return progress?.Count(Get<BadgeCatalogue>().Find(badgeId)!) ?? 0;
    }

    /// <summary>The tiers awarded, as "badge:tier" in order.</summary>
    public async Task<IReadOnlyList<string>> TiersAsync(int n, string? badgeId = null) =>
        [.. (await AwardsAsync(n, badgeId)).Select(a => $"{a.BadgeId}:{a.Tier}")];

    /// <summary>The congratulations the bot posted in the card's thread.</summary>
    public IReadOnlyList<RecordedRequest> Congratulations() =>
        [.. Teams.Activities.Where(r => r.Method == "POST" && r.ConversationId == ReflectionsHost.ThreadId && r.Text?.Contains("Congratulations", StringComparison.Ordinal) == true)];

    /// <summary>The private messages about badges the bot sent to learner <paramref name="n"/>.</summary>
    public IReadOnlyList<RecordedRequest> PrivateMessages(int n) =>
        [.. Teams.Activities.Where(r => r.ConversationId == ChatId(n) && r.Text?.Contains("You earned", StringComparison.Ordinal) == true)];

    /// <summary>The 1:1 chat id the fake Connector gives learner <paramref name="n"/> (derived from the user id, as Teams returns the same chat each time).</summary>
    public static string ChatId(int n) => FakeConnector.PersonalChatOf(UserId(n));

    public async Task MakeFacilitatorAsync(int n) =>
        await Get<TeamStore>().AddFacilitatorAsync(ReflectionsHost.TeamId, new ChannelAccount { Id = UserId(n), Name = $"Learner {n}", AadObjectId = AadObjectId(n) }, null, TestContext.Current.CancellationToken);

    /// <summary>A command typed to the bot in the team's channel by learner <paramref name="n"/>.</summary>
    public async Task<RecordedRequest> CommandAsync(string text, int n)
    {
        var before = Teams.Activities.Count;
        await Reflections.SendAsync(Reflections.Command(text, ReflectionsHost.Learner(n)));
        return Teams.Activities.Skip(before).Last();
    }

    /// <summary>A message to the bot in learner <paramref name="n"/>'s personal chat.</summary>
    public async Task<RecordedRequest> PersonalAsync(string text, int n)
    {
        var before = Teams.Activities.Count;
        var activity = TestActivities.Load("personal-message", Teams.ServiceUrl, a =>
        {
            a["id"] = "p" + Interlocked.Increment(ref nextEvent).ToString(CultureInfo.InvariantCulture);
            a["text"] = text;
            a["from"] = ReflectionsHost.Learner(n);
            a["conversation"]!["id"] = "a:1personal-" + n.ToString(CultureInfo.InvariantCulture);
        });
        await Reflections.SendAsync(activity);
        return Teams.Activities.Skip(before).Last();
    }

    /// <summary>A text of exactly <paramref name="count"/> words.</summary>
    public static string Words(int count) => string.Join(' ', Enumerable.Range(1, count).Select(i => "word" + i.ToString(CultureInfo.InvariantCulture)));

    public ValueTask DisposeAsync() => Reflections.DisposeAsync();
}
