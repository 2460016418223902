using System.Text.Json.Nodes;
using TeamsLearningBot.Content;
using TeamsLearningBot.Events;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Insights;

/// <summary>
/// What the insights tests share on top of <see cref="ReflectionsHost"/>: learners on the team's
/// roster (the fake Connector lists them), a facilitator, tagged items, and events published on the
/// real learner-event bus at chosen weeks.
/// </summary>
internal static class InsightsHost
{
    public const int Facilitator = 1;

    /// <summary>A Monday well in the past, so the weeks before it are whole weeks of any test period.</summary>
    public static readonly DateOnly Today = new(2026, 11, 29);

    public static async Task<ReflectionsHost> StartAsync(AzuriteFixture azurite, int members, bool anonymous = false, Action<BotApplicationFactory>? configure = null)
    {
        var host = await ReflectionsHost.StartAsync(azurite, anonymous, refresher: false, configure);
        host.Teams.Members = [.. Enumerable.Range(1, members).Select(Member)];
        await host.Get<TeamStore>().AddFacilitatorAsync(ReflectionsHost.TeamId, new ChannelAccount { Id = Id(Facilitator), Name = Name(Facilitator), AadObjectId = Aad(Facilitator) }, null, TestContext.Current.CancellationToken);
        return host;
    }

    public static FakeMember Member(int n) => new() { Id = Id(n), Name = Name(n), AadObjectId = Aad(n) };

    public static string Id(int n) => (string)ReflectionsHost.Learner(n)["id"]!;

    public static string Name(int n) => (string)ReflectionsHost.Learner(n)["name"]!;

    public static string Aad(int n) => (string)ReflectionsHost.Learner(n)["aadObjectId"]!;

    public static string Key(ReflectionsHost host, int n) => host.Get<LearnerKeys>().For(ReflectionsHost.TenantId, Aad(n));

    public static IReadOnlyCollection<string> Roster(ReflectionsHost host, int members) => [.. Enumerable.Range(1, members).Select(n => Key(host, n))];

    public static async Task<ContentItem> AddItemAsync(ReflectionsHost host, string title, params string[] tags) =>
        await host.Get<ContentStore>().AddAsync(
            new ContentItem
            {
                TeamId = ReflectionsHost.TeamId,
                Number = 0,
                Title = title,
                Url = new Uri("https://example.org/" + Uri.EscapeDataString(title)),
                Tags = tags,
                PerformanceNeed = "Needed for " + title,
                Prompts = ["What would you try first?"],
            },
            TestContext.Current.CancellationToken);

    /// <summary>The Monday of the week <paramref name="weeksAgo"/> before <see cref="Today"/>'s, at noon.</summary>
    public static DateTimeOffset WeeksAgo(int weeksAgo) =>
        new(InsightsWeeks.Monday(InsightsWeeks.Of(Today) - weeksAgo).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    public static LearnerEvent Reflected(ReflectionsHost host, int learner, int item, DateTimeOffset at, bool anonymous = false, string? id = null, string channel = ReflectionsHost.ChannelId, string? channelType = null) => new()
    {
        Kind = LearnerEventKind.Reflected,
        EventId = id ?? $"reflected|test|{learner}|{item}|{at:O}|{channel}",
        TenantId = ReflectionsHost.TenantId,
        TeamId = ReflectionsHost.TeamId,
        LearnerKey = Key(host, learner),
        Learner = new LearnerIdentity(Id(learner), Aad(learner), Name(learner)),
        At = at,
        Anonymous = anonymous,
        ItemNumber = item,
        ChannelId = channel,
        ChannelType = channelType,
        Words = 30,
    };

    public static LearnerEvent Rated(ReflectionsHost host, int learner, int item, int rating, DateTimeOffset at, bool anonymous = false) => new()
    {
        Kind = LearnerEventKind.Rated,
        EventId = $"rated|test|{learner}|{item}",
        TenantId = ReflectionsHost.TenantId,
        TeamId = ReflectionsHost.TeamId,
        LearnerKey = Key(host, learner),
        Learner = new LearnerIdentity(Id(learner), Aad(learner), Name(learner)),
        At = at,
        Anonymous = anonymous,
        ItemNumber = item,
        ChannelId = ReflectionsHost.ChannelId,
        Rating = rating,
    };

    public static LearnerEvent Reaction(ReflectionsHost host, int author, int item, DateTimeOffset at, string id) => new()
    {
        Kind = LearnerEventKind.ReactionReceived,
        EventId = id,
        TenantId = ReflectionsHost.TenantId,
        TeamId = ReflectionsHost.TeamId,
        LearnerKey = Key(host, author),
        Learner = new LearnerIdentity(Id(author), Aad(author), Name(author)),
        At = at,
        ItemNumber = item,
        ChannelId = ReflectionsHost.ChannelId,
    };

    public static Task PublishAsync(ReflectionsHost host, params LearnerEvent[] events) =>
        host.Get<LearnerEvents>().PublishAsync(events, TestContext.Current.CancellationToken);

    /// <summary>Notes a drop's card in each of the weeks (as the drop worker does when it posts).</summary>
    public static async Task PostedInAsync(ReflectionsHost host, int item, params int[] weeksAgo)
    {
        foreach (var ago in weeksAgo)
        {
            var at = WeeksAgo(ago);
            await host.Get<InsightsStore>().NotePostAsync(ReflectionsHost.TeamId, InsightsWeeks.Of(at), ReflectionsHost.ChannelId, $"root-{item}-{ago}", item, at, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The four whole weeks before <see cref="Today"/>'s week (1–4 weeks ago).</summary>
    public static InsightsRequest FourWeeks(string? tag = null, int? item = null)
    {
        var thisWeek = InsightsWeeks.Of(Today);
        return new InsightsRequest(tag, item, new InsightsPeriod(InsightsWeeks.Monday(thisWeek - 4), InsightsWeeks.Monday(thisWeek).AddDays(-1)));
    }

    public static JsonObject From(int n) => ReflectionsHost.Learner(n);
}
